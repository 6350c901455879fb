package dev.lambdalens.web;

import org.jspecify.annotations.Nullable;

/**
 * A function's headline figures over a recent range: what an ops team scans first.
 *
 * @param invocations sum of Invocations
 * @param errors sum of Errors
 * @param throttles sum of Throttles
 * @param peakConcurrency maximum ConcurrentExecutions
 * @param p99DurationMs the largest 1-minute p99 Duration
 * @param p99ShareOfTimeout that p99 as a share of the configured timeout (0 to 1)
 * @param coldStartRate cold starts as a share of the invocations REPORT lines were read for (0 to 1)
 * @param memoryShare the most memory an invocation used, as a share of its memory size (0 to 1), from REPORT lines
 */
record FunctionFigures(@Nullable Double invocations, @Nullable Double errors, @Nullable Double throttles,
        @Nullable Double peakConcurrency, @Nullable Double p99DurationMs, @Nullable Double p99ShareOfTimeout,
        @Nullable Double coldStartRate, @Nullable Double memoryShare) {

    /** Figures without any from the logs. */
    FunctionFigures(@Nullable Double invocations, @Nullable Double errors, @Nullable Double throttles,
            @Nullable Double peakConcurrency, @Nullable Double p99DurationMs, @Nullable Double p99ShareOfTimeout) {
        this(invocations, errors, throttles, peakConcurrency, p99DurationMs, p99ShareOfTimeout, null, null);
    }

    /** Errors as a share of invocations, when there were any. */
    public @Nullable Double errorRate() {
        return (this.invocations != null && this.invocations > 0 && this.errors != null)
                ? this.errors / this.invocations : null;
    }
}
