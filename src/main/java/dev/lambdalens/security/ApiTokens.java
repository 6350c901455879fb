package dev.lambdalens.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.lambdalens.AuditableChange;
import dev.lambdalens.InvalidFieldException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: 256 random bits, shown once at creation, stored as their SHA-256 (a slow hash adds nothing to a token
 * that cannot be guessed, and every API call checks one), with a role, an optional expiry, and revocation.
 */
@Service
class ApiTokens {

    static final String PREFIX = "llt_";

    static final String BOOTSTRAP_NAME = "bootstrap (environment)";

    private final SecureRandom random = new SecureRandom();

    private final ApiTokenRepository tokens;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final Duration maxLifetime;

    ApiTokens(ApiTokenRepository tokens, ApplicationEventPublisher events, Clock clock, SecurityProperties properties) {
        this.maxLifetime = properties.maxTokenLifetime();
        this.tokens = tokens;
        this.events = events;
        this.clock = clock;
    }

    /** Creates a token; the answer is the only time the token itself is seen. */
    @Transactional
    Created create(String name, Role role, @Nullable Instant expiresAt, String createdBy) {
        String trimmed = name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new InvalidFieldException("name", "a token needs a name of 1 to 100 characters");
        }
        Instant now = this.clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new InvalidFieldException("expiresAt", "must be in the future");
        }
        Instant latest = now.plus(this.maxLifetime);
        if (expiresAt != null && expiresAt.isAfter(latest)) {
            throw new InvalidFieldException("expiresAt", "must be at most " + this.maxLifetime.toDays()
                    + " days from now, so on " + latest.atOffset(java.time.ZoneOffset.UTC).toLocalDate()
                    + " (UTC) at the latest (the setting lambdalens.security.max-token-lifetime)");
        }
        Instant expiry = (expiresAt != null) ? expiresAt : latest;
        byte[] bytes = new byte[32];
        this.random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken stored = this.tokens.save(new ApiToken(trimmed, sha256(token), token.substring(0, 8), role, createdBy,
                now, expiry));
        this.events.publishEvent(AuditableChange.created("token", String.valueOf(stored.id()), stored.view()));
        return new Created(stored.view(), token);
    }

    /** Stores the environment's bootstrap token (replacing an older one), so automation can start without the UI. */
    @Transactional
    void bootstrap(String token) {
        String hash = sha256(token);
        Optional<ApiToken> existing = this.tokens.findByName(BOOTSTRAP_NAME);
        if (existing.isPresent() && existing.get().tokenHash().equals(hash) && existing.get().usableAt(this.clock.instant())) {
            return;
        }
        existing.ifPresent(this.tokens::delete);
        this.tokens.flush();
        this.tokens.save(new ApiToken(BOOTSTRAP_NAME, hash, token.substring(0, Math.min(8, token.length())),
                Role.ADMIN, "environment", this.clock.instant(), null));
    }

    @Transactional
    ApiToken.TokenView revoke(long id) {
        ApiToken token = this.tokens.findById(id).orElseThrow(() -> new NotFoundException("No token " + id));
        ApiToken.TokenView before = token.view();
        token.revoke(this.clock.instant());
        this.events.publishEvent(AuditableChange.changed("token", String.valueOf(id), before, token.view()));
        return token.view();
    }

    @Transactional(readOnly = true)
    List<ApiToken.TokenView> all() {
        return this.tokens.findAllByOrderByCreatedAtDesc().stream().map(ApiToken::view).toList();
    }

    /** The role of a presented token, if it is known, unexpired and not revoked. */
    @Transactional
    Optional<ApiToken> authenticate(String presented) {
        Instant now = this.clock.instant();
        Optional<ApiToken> token = this.tokens.findByTokenHash(sha256(presented)).filter((t) -> t.usableAt(now));
        token.ifPresent((t) -> t.used(now));
        return token;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A new token, and the only time its value is shown. */
    record Created(ApiToken.TokenView token, String value) {
    }
}
