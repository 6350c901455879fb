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
 */
record FunctionFigures(@Nullable Double invocations, @Nullable Double errors, @Nullable Double throttles,
        @Nullable Double peakConcurrency, @Nullable Double p99DurationMs, @Nullable Double p99ShareOfTimeout) {

    /** Errors as a share of invocations, when there were any. */
    public @Nullable Double errorRate() {
        return (this.invocations != null && this.invocations > 0 && this.errors != null)
                ? this.errors / this.invocations : null;
    }
}
