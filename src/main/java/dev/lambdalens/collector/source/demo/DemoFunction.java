package dev.lambdalens.collector.source.demo;

import java.time.Duration;
import java.util.Map;

import dev.lambdalens.inventory.Architecture;
import org.jspecify.annotations.Nullable;

/**
 * One simulated function: its configuration as discovery reports it and the behaviour its metrics follow.
 *
 * @param traffic invocations asked for per minute
 * @param meanDurationMs mean duration of an invocation
 * @param p99Factor p99 duration as a multiple of the mean
 * @param errorRate share of invocations that fail outside incidents
 * @param incidents when the error rate jumps, and to what
 */
record DemoFunction(String region, String name, String runtime, Architecture architecture, int memoryMb,
        int timeoutSeconds, @Nullable Integer reservedConcurrency, long codeSizeBytes, Map<String, String> tags,
        Traffic traffic, double meanDurationMs, double p99Factor, double errorRate, Incidents incidents) {

    /** Periodic spells of a higher error rate, such as a flaky downstream dependency. */
    record Incidents(Duration every, Duration length, double errorRate) {

        static final Incidents NONE = new Incidents(Duration.ofDays(1), Duration.ZERO, 0);

        double errorRateAt(long minuteEpoch, double normal) {
            return (Math.floorMod(minuteEpoch, this.every.toSeconds()) < this.length.toSeconds()) ? this.errorRate
                    : normal;
        }
    }
}
