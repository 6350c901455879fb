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
 * flap; the demo account settles within 3 minutes, real Lambda metrics can arrive later
 */
@ConfigurationProperties("lambdalens.alerting")
record AlertingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration interval,
        @DefaultValue("3m") Duration settleDelay) {

    AlertingProperties {
        if (interval.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("lambdalens.alerting.interval must be at least 10s");
        }
        if (settleDelay.isNegative() || settleDelay.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("lambdalens.alerting.settle-delay must be between 0 and 1h");
        }
    }
}
