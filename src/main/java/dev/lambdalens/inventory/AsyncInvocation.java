package dev.lambdalens.inventory;

import org.jspecify.annotations.Nullable;

/**
 * A function's asynchronous invocation configuration (GetFunctionEventInvokeConfig): how long and how often Lambda
 * keeps trying an event, and where it sends the outcome.
 *
 * @param maximumEventAgeSeconds how old an event may get before it is dropped (60 to 21,600); {@code null}: the
 *     default, 6 hours
 * @param maximumRetryAttempts retries after a failure (0 to 2); {@code null}: the default, 2
 * @param onSuccess the destination of successful events, {@code null} when none
 * @param onFailure the destination of failed or expired events, {@code null} when none
 */
public record AsyncInvocation(@Nullable Integer maximumEventAgeSeconds, @Nullable Integer maximumRetryAttempts,
        @Nullable String onSuccess, @Nullable String onFailure) {

    /** The maximum event age Lambda applies when none is configured: six hours. */
    public static final int DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 21_600;

    /** The maximum event age in force, the configured one or the default. */
    public int effectiveMaximumEventAgeSeconds() {
        return (this.maximumEventAgeSeconds != null) ? this.maximumEventAgeSeconds : DEFAULT_MAXIMUM_EVENT_AGE_SECONDS;
    }
}
