package dev.lambdalens.notification;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How alerts are handed to Alertmanager channels ({@code lambdalens.notification.alertmanager.*}).
 *
 * @param resendInterval how often the alerts still firing are posted again; each post holds an alert for four of
 *     these ({@code endsAt}), as Prometheus does, so that an alert LambdaLens stops posting resolves by itself
 * @param externalUrl the address users reach LambdaLens at, for the {@code generatorURL} link back to each alert
 */
@ConfigurationProperties("lambdalens.notification.alertmanager")
record AlertmanagerProperties(@DefaultValue("1m") Duration resendInterval,
        @DefaultValue("http://localhost:8080") URI externalUrl) {

    AlertmanagerProperties {
        if (resendInterval.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("lambdalens.notification.alertmanager.resend-interval must be at least 10s");
        }
        if (!"http".equals(externalUrl.getScheme()) && !"https".equals(externalUrl.getScheme())) {
            throw new IllegalArgumentException(
                    "lambdalens.notification.alertmanager.external-url must be an http(s) URL");
        }
    }

    /** How long one post keeps an alert firing in Alertmanager. */
    Duration hold() {
        return this.resendInterval.multipliedBy(4);
    }

    String link(long alertId) {
        String base = this.externalUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/alerts/" + alertId;
    }
}
