package dev.lambdalens.collector;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.lambdalens.metrics.Point;

/**
 * Reads an account-level series (errors, throttles) for the minute in which it starts or jumps: a value above zero
 * that is more than twice the largest of the five minutes before it. A steady level is no news: the function
 * group's own poll covers it; a start or a jump is, and is worth fetching the functions' series for at once.
 */
final class AccountSignal {

    /** Minutes before a value that set the level it is compared with. */
    static final int BASELINE_MINUTES = 5;

    /** How many times the recent level a value must exceed to count as a jump. */
    static final double JUMP = 2.0;

    private AccountSignal() {
    }

    /** The first minute at or after {@code since} where the series starts or jumps, if any. */
    static Optional<Instant> firstMove(List<Point> minutes, Instant since) {
        long from = since.getEpochSecond();
        for (int i = 0; i < minutes.size(); i++) {
            Point point = minutes.get(i);
            if (point.epochSecond() < from || point.value() <= 0) {
                continue;
            }
            double level = 0;
            for (int j = i - 1; j >= 0 && point.epochSecond() - minutes.get(j).epochSecond() <= BASELINE_MINUTES * 60L;
                    j--) {
                level = Math.max(level, minutes.get(j).value());
            }
            if (point.value() > JUMP * level) {
                return Optional.of(Instant.ofEpochSecond(point.epochSecond()));
            }
        }
        return Optional.empty();
    }
}
