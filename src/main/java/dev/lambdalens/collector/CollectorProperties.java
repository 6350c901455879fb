package dev.lambdalens.collector;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often and how far back the collector fetches ({@code lambdalens.collector.*}).
 *
 * @param enabled whether collection runs on a schedule at all
 * @param interval time between the end of one cycle and the start of the next; account-level series are fetched
 * every cycle
 * @param functionInterval how often the series of functions invoked within {@code idleAfter} are fetched (several
 * 1-minute points per series per call: CloudWatch bills per metric requested, not per datapoint)
 * @param idleFunctionInterval how often the series of functions not invoked within {@code idleAfter} are fetched
 * @param idleAfter how long without invocations makes a function idle
 * @param pricePerThousandMetrics what CloudWatch charges per 1,000 metrics requested with GetMetricData (USD), for
 * the estimate of the monitor's own bill
 * @param initialDelay time from startup to the first cycle
 * @param discoveryInterval how often functions and account limits are listed again
 * @param trailingWindow how far behind the last fetch each cycle starts again, so that late datapoints land
 * @param initialBackfill how much history the first cycle of a new account and region fetches
 * @param backfillHorizon how far back a cycle after downtime reaches at most (CloudWatch keeps 1-minute data for
 * 15 days)
 * @param discoveryFullRefresh how often discovery asks every function for its details (reserved concurrency, tags)
 * again; in between, only new functions and functions whose listed configuration changed are asked
 * @param fetchFunctionsOnAccountSignal whether a minute in which the account-level errors or throttles start (or
 * jump) fetches those series of every function of the region at once, instead of at the function group's next poll
 */
@ConfigurationProperties("lambdalens.collector")
record CollectorProperties(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration interval,
        @DefaultValue("5m") Duration functionInterval, @DefaultValue("30m") Duration idleFunctionInterval,
        @DefaultValue("6h") Duration idleAfter, @DefaultValue("5s") Duration initialDelay,
        @DefaultValue("15m") Duration discoveryInterval, @DefaultValue("15m") Duration trailingWindow,
        @DefaultValue("24h") Duration initialBackfill, @DefaultValue("3d") Duration backfillHorizon,
        @DefaultValue("0.01") double pricePerThousandMetrics, @DefaultValue("6h") Duration discoveryFullRefresh,
        @DefaultValue("true") boolean fetchFunctionsOnAccountSignal) {

    static final Duration CLOUDWATCH_ONE_MINUTE_RETENTION = Duration.ofDays(15);

    CollectorProperties {
        requireAtLeast("interval", interval, Duration.ofSeconds(10));
        requireAtLeast("function-interval", functionInterval, Duration.ofMinutes(1));
        requireAtLeast("idle-function-interval", idleFunctionInterval, functionInterval);
        requireAtLeast("idle-after", idleAfter, Duration.ofMinutes(10));
        if (pricePerThousandMetrics < 0) {
            throw new IllegalArgumentException("lambdalens.collector.price-per-thousand-metrics must not be negative");
        }
        requireAtLeast("initial-delay", initialDelay, Duration.ZERO);
        requireAtLeast("discovery-interval", discoveryInterval, Duration.ofMinutes(1));
        requireAtLeast("discovery-full-refresh", discoveryFullRefresh, discoveryInterval);
        requireAtLeast("trailing-window", trailingWindow, Duration.ZERO);
        requireAtLeast("initial-backfill", initialBackfill, Duration.ofMinutes(1));
        requireAtLeast("backfill-horizon", backfillHorizon, Duration.ofMinutes(1));
        requireAtMost("initial-backfill", initialBackfill, CLOUDWATCH_ONE_MINUTE_RETENTION);
        requireAtMost("backfill-horizon", backfillHorizon, CLOUDWATCH_ONE_MINUTE_RETENTION);
        requireAtMost("trailing-window", trailingWindow, backfillHorizon);
    }

    private static void requireAtLeast(String name, Duration value, Duration minimum) {
        if (value.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("lambdalens.collector." + name + " must be at least " + readable(minimum)
                    + " but is " + readable(value));
        }
    }

    private static void requireAtMost(String name, Duration value, Duration maximum) {
        if (value.compareTo(maximum) > 0) {
            throw new IllegalArgumentException("lambdalens.collector." + name + " must be at most " + readable(maximum)
                    + " (CloudWatch keeps 1-minute data for 15 days) but is " + readable(value));
        }
    }

    /** A duration the way the settings are written: 15d, 24h, 10s. */
    static String readable(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return (duration.toMillis() % 1000 == 0) ? seconds + "s" : duration.toMillis() + "ms";
    }
}
