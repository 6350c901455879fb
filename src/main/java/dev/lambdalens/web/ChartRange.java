package dev.lambdalens.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The ranges a function page offers.
 */
enum ChartRange {

    H1("1h", Duration.ofHours(1)), H6("6h", Duration.ofHours(6)), H24("24h", Duration.ofHours(24)),
    D7("7d", Duration.ofDays(7)), D30("30d", Duration.ofDays(30));

    private final String label;

    private final Duration duration;

    ChartRange(String label, Duration duration) {
        this.label = label;
        this.duration = duration;
    }

    public String label() {
        return this.label;
    }

    Duration duration() {
        return this.duration;
    }

    static Optional<ChartRange> fromLabel(String label) {
        return Arrays.stream(values()).filter((r) -> r.label.equals(label)).findFirst();
    }
}
