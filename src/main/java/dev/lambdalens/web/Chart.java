package dev.lambdalens.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A chart on a page: its lines, its range and an optional limit drawn as a dashed line (account limit, reserved
 * concurrency, timeout). The page script reads it from the element's {@code data-chart} attribute.
 *
 * @param settledUntil periods ending after it are still filling in CloudWatch
 * @param fetchedEverySeconds how often the collector reads these series: the last {@link #STILL_FILLING} of what it
 * stored are still filling too when it read them within this time (a function's series are read every few minutes),
 * and drawn as such, so that their lower values do not read as a fall in traffic
 * @param marks instants drawn as labelled vertical lines (a function's deployments and configuration changes)
 */
record Chart(String title, String unit, List<ChartLine> lines, Instant from, Instant to, @Nullable Double limit,
        @Nullable String limitLabel, Instant settledUntil, long fetchedEverySeconds, List<Mark> marks) {

    /**
     * A vertical line across the chart at an instant.
     *
     * @param at epoch seconds
     * @param label a few words drawn next to the line
     * @param description what it marks, in words, for the chart's text alternative
     */
    record Mark(long at, String label, String description) {
    }

    Chart {
        marks = List.copyOf(marks);
    }

    Chart(String title, String unit, List<ChartLine> lines, Instant from, Instant to, @Nullable Double limit,
            @Nullable String limitLabel, Instant settledUntil, long fetchedEverySeconds) {
        this(title, unit, lines, from, to, limit, limitLabel, settledUntil, fetchedEverySeconds, List.of());
    }

    /**
     * How long after its end a minute of Lambda metrics typically still grows in CloudWatch (late datapoints arrive
     * minutes after the invocation; the demo source models the same 3 minutes). Stragglers beyond it are caught by
     * the collector's trailing window and simply redraw.
     */
    static final Duration STILL_FILLING = Duration.ofMinutes(3);

    /** A chart ending now, whose series are read every minute (the account level). */
    Chart(String title, String unit, List<ChartLine> lines, Instant from, Instant to, @Nullable Double limit,
            @Nullable String limitLabel) {
        this(title, unit, lines, from, to, limit, limitLabel, to.minus(STILL_FILLING), 60);
    }

    /** The same chart of series the collector reads every {@code interval}. */
    Chart fetchedEvery(Duration interval) {
        return new Chart(this.title, this.unit, this.lines, this.from, this.to, this.limit, this.limitLabel,
                this.settledUntil, Math.max(interval.toSeconds(), 60), this.marks);
    }

    /** The same chart with these marks, those inside its range. */
    Chart markedAt(List<Mark> all) {
        List<Mark> inside = all.stream()
            .filter((m) -> m.at() >= this.from.getEpochSecond() && m.at() <= this.to.getEpochSecond())
            .toList();
        return new Chart(this.title, this.unit, this.lines, this.from, this.to, this.limit, this.limitLabel,
                this.settledUntil, this.fetchedEverySeconds, inside);
    }
}
