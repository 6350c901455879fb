package dev.lambdalens.collector;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The minutes one cycle fetches, [start, end), aligned to the minute as CloudWatch aligns them.
 */
record CollectionWindow(Instant start, Instant end) {

    CollectionWindow {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("Empty window " + start + " .. " + end);
        }
    }

    /**
     * The window of the next cycle: from the trailing window behind the watermark (or the initial backfill on a
     * first run) to the last complete minute, reaching back no further than the backfill horizon.
     */
    static Optional<CollectionWindow> next(@Nullable Instant watermark, Instant now, CollectorProperties properties) {
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        Instant start = (watermark != null) ? watermark.minus(properties.trailingWindow())
                : end.minus(properties.initialBackfill());
        Instant horizon = end.minus(properties.backfillHorizon());
        if (start.isBefore(horizon)) {
            start = horizon;
        }
        start = start.truncatedTo(ChronoUnit.MINUTES);
        return start.isBefore(end) ? Optional.of(new CollectionWindow(start, end)) : Optional.empty();
    }

    long minutes() {
        return Duration.between(this.start, this.end).toMinutes();
    }

    /** This window cut into consecutive windows of at most {@code maxMinutes}. */
    List<CollectionWindow> split(long maxMinutes) {
        List<CollectionWindow> parts = new ArrayList<>();
        Instant from = this.start;
        while (from.isBefore(this.end)) {
            Instant to = from.plus(Duration.ofMinutes(maxMinutes));
            if (to.isAfter(this.end)) {
                to = this.end;
            }
            parts.add(new CollectionWindow(from, to));
            from = to;
        }
        return parts;
    }
}
