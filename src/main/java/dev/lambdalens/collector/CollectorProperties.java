package dev.lambdalens.collector;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often and how far back the collector fetches ({@code lambdalens.collector.*}).
 *
 * @param enabled whether collection runs on a schedule at all
 * @param interval time between the end of one cycle and the start of the next
 * @param initialDelay time from startup to the first cycle
 * @param discoveryInterval how often functions and account limits are listed again
 * @param trailingWindow how far behind the last fetch each cycle starts again, so that late datapoints land
 * @param initialBackfill how much history the first cycle of a new account and region fetches
 * @param backfillHorizon how far back a cycle after downtime reaches at most (CloudWatch keeps 1-minute data for
 * 15 days)
 */
@ConfigurationProperties("lambdalens.collector")
record CollectorProperties(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration interval,
        @DefaultValue("5s") Duration initialDelay, @DefaultValue("15m") Duration discoveryInterval,
        @DefaultValue("15m") Duration trailingWindow, @DefaultValue("24h") Duration initialBackfill,
        @DefaultValue("3d") Duration backfillHorizon) {

    static final Duration CLOUDWATCH_ONE_MINUTE_RETENTION = Duration.ofDays(15);

    CollectorProperties {
        requireAtLeast("interval", interval, Duration.ofSeconds(10));
        requireAtLeast("initial-delay", initialDelay, Duration.ZERO);
        requireAtLeast("discovery-interval", discoveryInterval, Duration.ofMinutes(1));
        requireAtLeast("trailing-window", trailingWindow, Duration.ZERO);
        requireAtLeast("initial-backfill", initialBackfill, Duration.ofMinutes(1));
        requireAtLeast("backfill-horizon", backfillHorizon, Duration.ofMinutes(1));
        requireAtMost("initial-backfill", initialBackfill, CLOUDWATCH_ONE_MINUTE_RETENTION);
        requireAtMost("backfill-horizon", backfillHorizon, CLOUDWATCH_ONE_MINUTE_RETENTION);
        requireAtMost("trailing-window", trailingWindow, backfillHorizon);
    }

    private static void requireAtLeast(String name, Duration value, Duration minimum) {
        if (value.compareTo(minimum) < 0) {
            throw new IllegalArgumentException(
                    "lambdalens.collector." + name + " must be at least " + minimum + " but is " + value);
        }
    }

    private static void requireAtMost(String name, Duration value, Duration maximum) {
        if (value.compareTo(maximum) > 0) {
            throw new IllegalArgumentException("lambdalens.collector." + name + " must be at most " + maximum
                    + " (CloudWatch keeps 1-minute data for 15 days) but is " + value);
        }
    }
}
