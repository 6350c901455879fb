package dev.lambdalens.security;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security settings ({@code lambdalens.security.*}); the secrets among them come from the environment.
 *
 * @param adminPassword the first admin's password ({@code LAMBDALENS_SECURITY_ADMIN_PASSWORD}); when unset, a
 * password is generated and printed once, at first start
 * @param bootstrapToken an admin API token for automation ({@code LAMBDALENS_SECURITY_BOOTSTRAP_TOKEN}), at least
 * 32 characters
 * @param prometheusPublic whether {@code /actuator/prometheus} may be scraped without a token
 * @param maxLoginFailures failed sign-ins of one user or from one address before sign-in is refused for a while
 * @param loginLockout how long sign-in stays refused after that
 * @param oidc who users signing in through OpenID Connect are
 * @param maxTokenLifetime the longest an API token may be valid; a token asked for without an expiry gets this one
 */
@ConfigurationProperties("lambdalens.security")
record SecurityProperties(@Nullable String adminPassword, @Nullable String bootstrapToken,
        @DefaultValue("false") boolean prometheusPublic, @DefaultValue("5") int maxLoginFailures,
        @DefaultValue("15m") Duration loginLockout, @DefaultValue Oidc oidc,
        @DefaultValue("365d") Duration maxTokenLifetime) {

    SecurityProperties {
        if (bootstrapToken != null && !bootstrapToken.isBlank() && bootstrapToken.length() < 32) {
            throw new IllegalArgumentException("lambdalens.security.bootstrap-token must be at least 32 characters");
        }
        if (adminPassword != null && !adminPassword.isBlank() && adminPassword.length() < 12) {
            throw new IllegalArgumentException("lambdalens.security.admin-password must be at least 12 characters");
        }
        if (maxTokenLifetime.compareTo(Duration.ofMinutes(1)) < 0 || maxTokenLifetime.compareTo(Duration.ofDays(3660)) > 0) {
            throw new IllegalArgumentException("lambdalens.security.max-token-lifetime must be 1 minute to 3660 days");
        }
        if (maxLoginFailures < 1) {
            throw new IllegalArgumentException("lambdalens.security.max-login-failures must be at least 1");
        }
    }

    /**
     * @param defaultRole the role of a user signing in through OpenID Connect for the first time
     * @param adminEmails users with these e-mail addresses become ADMIN
     * @param operatorEmails users with these e-mail addresses become OPERATOR
     */
    record Oidc(@DefaultValue("VIEWER") Role defaultRole, @DefaultValue List<String> adminEmails,
            @DefaultValue List<String> operatorEmails) {
    }
}
