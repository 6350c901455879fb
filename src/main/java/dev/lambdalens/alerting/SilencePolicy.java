package dev.lambdalens.alerting;

import java.time.Instant;

import dev.lambdalens.InvalidFieldException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What a silence may mute, for the API and the form alike: it ends within the configured maximum (30 days by
 * default), and one that matches every alert (no rule, account, region or function pattern but {@code *}) needs an
 * ADMIN and an explicit confirmation, since it mutes everything that would wake anyone up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SilenceLimits.class)
class SilencePolicy {

    private final SilenceLimits limits;

    SilencePolicy(SilenceLimits limits) {
        this.limits = limits;
    }

    /** @throws InvalidFieldException naming the field at fault */
    void check(@Nullable Long ruleId, @Nullable String account, @Nullable String region,
            @Nullable String functionPattern, Instant starts, Instant ends, Instant now,
            @Nullable Boolean confirmMatchesEverything) {
        check(ruleId, account, region, functionPattern, starts, ends, now, confirmMatchesEverything, isAdmin());
    }

    /**
     * As {@link #check(Long, String, String, String, Instant, Instant, Instant, Boolean)}, with {@code byAdmin}
     * saying whether an ADMIN asks (a provisioning file is written by whoever runs the instance: an admin).
     */
    void check(@Nullable Long ruleId, @Nullable String account, @Nullable String region,
            @Nullable String functionPattern, Instant starts, Instant ends, Instant now,
            @Nullable Boolean confirmMatchesEverything, boolean byAdmin) {
        if (starts.isAfter(now.plus(this.limits.maxStartAhead()))) {
            throw new InvalidFieldException("startsAt", "must be at most " + this.limits.maxStartAhead().toDays()
                    + " days ahead");
        }
        if (ends.isAfter(starts.plus(this.limits.maxDuration()))) {
            throw new InvalidFieldException("endsAt", "a silence lasts at most " + describe(this.limits)
                    + " (lambdalens.alerting.silences.max-duration): end it by " + starts.plus(this.limits.maxDuration()));
        }
        boolean everything = ruleId == null && blank(account) && blank(region)
                && (blank(functionPattern) || functionPattern.trim().matches("\\*+"));
        if (everything) {
            if (!byAdmin) {
                throw new InvalidFieldException("ruleId", "a silence of every alert needs an ADMIN: name a rule, "
                        + "account, region or function pattern");
            }
            if (!Boolean.TRUE.equals(confirmMatchesEverything)) {
                throw new InvalidFieldException("confirmMatchesEverything", "this silence mutes every alert: "
                        + "confirm that this is meant");
            }
        }
    }

    private static String describe(SilenceLimits limits) {
        long hours = limits.maxDuration().toHours();
        return (hours % 24 == 0) ? (hours / 24) + " days" : limits.maxDuration().toMinutes() + " minutes";
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static boolean isAdmin() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user != null && user.getAuthorities().stream().anyMatch((a) -> "ROLE_ADMIN".equals(a.getAuthority()));
    }
}
