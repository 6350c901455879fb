package dev.lambdalens.collector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.lambdalens.metrics.Point;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountSignalTests {

    static final long T0 = Instant.parse("2026-11-28T12:00:00Z").getEpochSecond();

    @Test
    void shouldFindTheMinuteWhereThrottlesStart() {
        assertThat(AccountSignal.firstMove(minutes(0, 0, 0, 0, 3, 3, 3), Instant.ofEpochSecond(T0)))
            .contains(Instant.ofEpochSecond(T0 + 4 * 60));
    }

    @Test
    void shouldFindAJumpAboveTwiceTheRecentLevelButNotASteadyLevel() {
        assertThat(AccountSignal.firstMove(minutes(4, 5, 4, 5, 6, 5), Instant.ofEpochSecond(T0 + 60))).isEmpty();
        assertThat(AccountSignal.firstMove(minutes(4, 5, 4, 5, 11, 5), Instant.ofEpochSecond(T0 + 60)))
            .contains(Instant.ofEpochSecond(T0 + 4 * 60));
    }

    @Test
    void shouldIgnoreMinutesBeforeWhatWasAlreadyLookedAt() {
        assertThat(AccountSignal.firstMove(minutes(0, 7, 7, 7), Instant.ofEpochSecond(T0 + 2 * 60))).isEmpty();
    }

    private static List<Point> minutes(double... values) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new Point(T0 + 60L * i, values[i]));
        }
        return points;
    }
}
