package dev.lambdalens.alerting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When rules are evaluated ({@code lambdalens.alerting.*}).
 *
 * @param enabled whether rules are evaluated on a schedule
 * @param interval time between evaluation passes (each collection cycle triggers one too)
 * @param settleDelay how old a period must be before it is judged, so that late datapoints cannot make an alert
 * flap; the demo account settles within 3 minutes, real Lambda metrics can arrive later. A breach of a Sum or
 * Maximum above its threshold is judged at once, since later datapoints can only add to it
 * @param streamSilence how long an account and region sending Metric Streams deliveries may be silent before it is
 * taken for idle and its periods are judged on the clock; until then they are judged up to the newest minute
 * received, so that a stalled stream or Firehose's buffering never reads as missing data. Keep it above the
 * delivery stream's buffer interval
 */
@ConfigurationProperties("lambdalens.alerting")
record AlertingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration interval,
        @DefaultValue("3m") Duration settleDelay, @DefaultValue("20m") Duration streamSilence) {

    AlertingProperties {
        if (interval.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("lambdalens.alerting.interval must be at least 10s");
        }
        if (settleDelay.isNegative() || settleDelay.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("lambdalens.alerting.settle-delay must be between 0 and 1h");
        }
        if (streamSilence.compareTo(Duration.ofMinutes(2)) < 0 || streamSilence.compareTo(Duration.ofHours(6)) > 0) {
            throw new IllegalArgumentException("lambdalens.alerting.stream-silence must be between 2m and 6h");
        }
    }
}
