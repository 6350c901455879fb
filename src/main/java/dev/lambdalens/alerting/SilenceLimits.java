package dev.lambdalens.alerting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much a silence may mute ({@code lambdalens.alerting.silences.*}).
 *
 * @param maxDuration the longest a silence may last, from its start to its end
 * @param maxStartAhead how far ahead a silence may be planned to start
 */
@ConfigurationProperties("lambdalens.alerting.silences")
record SilenceLimits(@DefaultValue("30d") Duration maxDuration, @DefaultValue("365d") Duration maxStartAhead) {

    SilenceLimits {
        if (maxDuration.compareTo(Duration.ofMinutes(1)) < 0 || maxDuration.compareTo(Duration.ofDays(3660)) > 0) {
            throw new IllegalArgumentException("lambdalens.alerting.silences.max-duration must be 1 minute to 3660 days");
        }
        if (maxStartAhead.isNegative() || maxStartAhead.compareTo(Duration.ofDays(3660)) > 0) {
            throw new IllegalArgumentException("lambdalens.alerting.silences.max-start-ahead must be 0 to 3660 days");
        }
    }
}
