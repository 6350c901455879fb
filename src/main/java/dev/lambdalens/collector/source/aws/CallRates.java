package dev.lambdalens.collector.source.aws;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * Client-side limits of AWS call rates, one Resilience4j rate limiter per API and account and region, so that
 * LambdaLens stays below a quota instead of finding it through throttling. The quotas are the account's: they hold
 * across instances because only the holder of an account and region's work unit calls that account and region
 * (collection units call CloudWatch, discovery units call Lambda).
 */
final class CallRates {

    /** How long a call may wait for its turn before the unit gives up on it. */
    private static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    /** Waits for a turn to call {@code api} in the account and region at most {@code perSecond} times a second. */
    void acquire(String api, String account, String region, double perSecond) {
        RateLimiter limiter = this.limiters.computeIfAbsent(api + ":" + account + "/" + region,
                (name) -> RateLimiter.of(name, config(perSecond)));
        if (!limiter.acquirePermission()) {
            throw new IllegalStateException("No turn to call " + api + " in " + account + "/" + region + " within "
                    + MAX_WAIT.toMinutes() + " minutes");
        }
    }

    /** Whole permits per period: 25/s is 25 every second, 2.5/s is 5 every 2 seconds. */
    private static RateLimiterConfig config(double perSecond) {
        int permits = (int) Math.max(1, Math.ceil(perSecond));
        Duration period = Duration.ofNanos((long) (permits / perSecond * 1e9));
        return RateLimiterConfig.custom()
            .limitForPeriod(permits)
            .limitRefreshPeriod(period)
            .timeoutDuration(MAX_WAIT)
            .build();
    }
}
