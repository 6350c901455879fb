package dev.lambdalens.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How alerts are handed to Alertmanager channels ({@code lambdalens.notification.alertmanager.*}). The link back to
 * each alert ({@code generatorURL}) comes from {@code lambdalens.public-url}, as every notification's link does; the
 * former {@code lambdalens.notification.alertmanager.external-url} is a deprecated alias of it
 * ({@link PublicUrlAlias}).
 *
 * @param resendInterval how often the alerts still firing are posted again; each post holds an alert for four of
 *     these ({@code endsAt}), as Prometheus does, so that an alert LambdaLens stops posting resolves by itself
 */
@ConfigurationProperties("lambdalens.notification.alertmanager")
record AlertmanagerProperties(@DefaultValue("1m") Duration resendInterval) {

    AlertmanagerProperties {
        if (resendInterval.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("lambdalens.notification.alertmanager.resend-interval must be at least 10s");
        }
    }

    /** How long one post keeps an alert firing in Alertmanager. */
    Duration hold() {
        return this.resendInterval.multipliedBy(4);
    }
}
