package dev.lambdalens.insights;

import dev.lambdalens.inventory.FunctionSummary;
import org.jspecify.annotations.Nullable;

/**
 * How close one function came to its limits over a range. {@code null} means no datapoint in the range.
 *
 * @param peakConcurrency the highest ConcurrentExecutions
 * @param p99Ms the highest 1-minute p99 Duration (an upper bound of the range's p99)
 * @param maxMs the highest Duration, which also bounds p99.9 from above
 * @param usedMemoryMaxMb the most memory an invocation used (Lambda Insights), {@code null} without Insights data
 * @param logs what the function's REPORT lines said over the range, {@code null} where none were read
 */
public record FunctionHeadroom(FunctionSummary function, double invocations, double errors, double throttles,
        @Nullable Double peakConcurrency, @Nullable Double p99Ms, @Nullable Double maxMs,
        @Nullable Double usedMemoryMaxMb, @Nullable FromLogs logs) {

    /** Headroom without figures from logs. */
    public FunctionHeadroom(FunctionSummary function, double invocations, double errors, double throttles,
            @Nullable Double peakConcurrency, @Nullable Double p99Ms, @Nullable Double maxMs,
            @Nullable Double usedMemoryMaxMb) {
        this(function, invocations, errors, throttles, peakConcurrency, p99Ms, maxMs, usedMemoryMaxMb, null);
    }

    /**
     * Figures from REPORT lines.
     *
     * @param initP99Ms the highest 1-minute p99 of INIT durations, {@code null} without cold starts
     */
    public record FromLogs(double reportedInvocations, double coldStarts, @Nullable Double maxMemoryUsedMb,
            @Nullable Double initP99Ms) {

        public double coldStartRate() {
            return (this.reportedInvocations > 0) ? this.coldStarts / this.reportedInvocations : 0;
        }
    }

    /** Lambda's hard limit on the timeout, in seconds. */
    public static final int MAX_TIMEOUT_SECONDS = 900;

    /** Lambda's limit on the unzipped package with its layers, in bytes. */
    public static final long PACKAGE_LIMIT_BYTES = 250L * 1024 * 1024;

    /** Lambda's limit on layers per function. */
    public static final int LAYER_LIMIT = 5;

    public @Nullable Double reservedShare() {
        Integer reserved = this.function.reservedConcurrency();
        return (reserved != null && reserved > 0 && this.peakConcurrency != null)
                ? this.peakConcurrency * 100 / reserved : null;
    }

    public @Nullable Double p99ShareOfTimeout() {
        return (this.p99Ms != null) ? this.p99Ms / 10 / this.function.timeoutSeconds() : null;
    }

    public @Nullable Double maxShareOfTimeout() {
        return (this.maxMs != null) ? this.maxMs / 10 / this.function.timeoutSeconds() : null;
    }

    public boolean timeoutAtHardLimit() {
        return this.function.timeoutSeconds() >= MAX_TIMEOUT_SECONDS;
    }

    /** Code and layers as deployed (zipped sizes: the unzipped package the limit applies to is larger). */
    public long packageBytes() {
        return this.function.codeSizeBytes() + this.function.layersCodeSizeBytes();
    }

    public double packageShare() {
        return packageBytes() * 100.0 / PACKAGE_LIMIT_BYTES;
    }

    public @Nullable Double memoryShare() {
        return (this.usedMemoryMaxMb != null) ? this.usedMemoryMaxMb * 100 / this.function.memoryMb() : null;
    }
}
