package dev.lambdalens.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How deliveries are retried ({@code lambdalens.notification.*}).
 *
 * @param enabled whether pending deliveries are sent on a schedule
 * @param pollInterval how often pending deliveries are looked for
 * @param firstBackoff the wait after the first failed attempt; each further failure doubles it
 * @param maxBackoff the longest wait between two attempts
 * @param giveUpAfter how old a delivery may grow before LambdaLens stops trying
 * @param requestTimeout how long one attempt may take
 * @param mailFrom the sender address of email notifications
 * @param repeatInterval how often an alert that stays in ALARM, unacknowledged and unsilenced, is sent again
 * @param snsEndpoint an endpoint for SNS channels, for emulators; never set against real AWS
 * @param refusedAttempts how many times a delivery is tried when the receiver refuses it permanently (400, 403,
 * 404, 410) before it is given up and the channel marked failing
 */
@ConfigurationProperties("lambdalens.notification")
record NotificationProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("10s") Duration firstBackoff, @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("24h") Duration giveUpAfter, @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("lambdalens@localhost") String mailFrom, @DefaultValue("4h") Duration repeatInterval,
        java.net.@org.jspecify.annotations.Nullable URI snsEndpoint, @DefaultValue("3") int refusedAttempts) {

    NotificationProperties {
        if (pollInterval.compareTo(Duration.ofSeconds(1)) < 0 || firstBackoff.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "lambdalens.notification.poll-interval and first-backoff must be at least 1s");
        }
        if (repeatInterval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("lambdalens.notification.repeat-interval must be at least 1m");
        }
        if (refusedAttempts < 1) {
            throw new IllegalArgumentException("lambdalens.notification.refused-attempts must be at least 1");
        }
        if (maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("lambdalens.notification.max-backoff must be at least first-backoff");
        }
    }
}
