package dev.lambdalens.notification;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where notifications link back to ({@code lambdalens.public-url}): the address users reach LambdaLens at, such as
 * {@code https://lambdalens.example.com}. Without it, notifications carry no links (an address guessed from the
 * server would be wrong behind any proxy, and a relative link means nothing in a chat message or an email).
 *
 * @param publicUrl the base address of the pages: absolute, http or https, a trailing slash is ignored
 */
@ConfigurationProperties("lambdalens")
record NotificationLinks(@Nullable URI publicUrl) {

    NotificationLinks {
        if (publicUrl != null) {
            String scheme = (publicUrl.getScheme() != null) ? publicUrl.getScheme().toLowerCase(Locale.ROOT) : "";
            if (!(scheme.equals("http") || scheme.equals("https")) || publicUrl.getHost() == null) {
                throw new IllegalArgumentException("lambdalens.public-url must be an absolute http(s) address such as "
                        + "https://lambdalens.example.com, not " + publicUrl
                        + ": notifications are read outside LambdaLens, where a relative link leads nowhere");
            }
        }
    }

    /** The alert's page, or {@code null} without a public URL. */
    @Nullable String alert(@Nullable Object alertId) {
        return (this.publicUrl == null || alertId == null) ? null : base() + "/alerts/" + alertId;
    }

    /** The alerts page, or {@code null} without a public URL. */
    @Nullable String alerts() {
        return (this.publicUrl == null) ? null : base() + "/alerts";
    }

    private String base() {
        String base = String.valueOf(this.publicUrl);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
