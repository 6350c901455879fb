package dev.lambdalens.collector;

import java.time.Duration;

/**
 * Collector settings for tests: the defaults, with only what a test is about changed.
 */
final class CollectorPropertiesFixture {

    private Duration interval = Duration.ofMinutes(1);

    private Duration functionInterval = Duration.ofMinutes(5);

    private Duration trailingWindow = Duration.ofMinutes(15);

    private Duration initialBackfill = Duration.ofHours(24);

    private Duration backfillHorizon = Duration.ofDays(3);

    static CollectorPropertiesFixture collectorProperties() {
        return new CollectorPropertiesFixture();
    }

    CollectorPropertiesFixture interval(Duration interval) {
        this.interval = interval;
        return this;
    }

    CollectorPropertiesFixture trailingWindow(Duration trailingWindow) {
        this.trailingWindow = trailingWindow;
        return this;
    }

    CollectorPropertiesFixture backfillHorizon(Duration backfillHorizon) {
        this.backfillHorizon = backfillHorizon;
        return this;
    }

    CollectorProperties build() {
        return new CollectorProperties(true, this.interval, this.functionInterval, Duration.ofMinutes(30),
                Duration.ofHours(6), Duration.ZERO, Duration.ofMinutes(15), this.trailingWindow, this.initialBackfill,
                this.backfillHorizon, 0.01, Duration.ofHours(6), true);
    }
}
