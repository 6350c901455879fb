package dev.lambdalens.security;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * An API token: only the SHA-256 of the token is stored (the token itself is 256 random bits, shown once), with its
 * first characters to recognise it by.
 */
@Entity
@Table(name = "api_token")
class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private String name;

    private String tokenHash;

    private String prefix;

    @Enumerated(EnumType.STRING)
    private Role role;

    private String createdBy;

    private Instant createdAt;

    private @Nullable Instant expiresAt;

    private @Nullable Instant revokedAt;

    private @Nullable Instant lastUsedAt;

    @SuppressWarnings("NullAway.Init")
    protected ApiToken() {
        // for JPA
    }

    ApiToken(String name, String tokenHash, String prefix, Role role, String createdBy, Instant now,
            @Nullable Instant expiresAt) {
        this.name = name;
        this.tokenHash = tokenHash;
        this.prefix = prefix;
        this.role = role;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /** Whether the token may be used at {@code now}. */
    boolean usableAt(Instant now) {
        return this.revokedAt == null && (this.expiresAt == null || now.isBefore(this.expiresAt));
    }

    void revoke(Instant now) {
        if (this.revokedAt == null) {
            this.revokedAt = now;
        }
    }

    void used(Instant now) {
        this.lastUsedAt = now;
    }

    @Nullable Long id() {
        return this.id;
    }

    String name() {
        return this.name;
    }

    String tokenHash() {
        return this.tokenHash;
    }

    Role role() {
        return this.role;
    }

    TokenView view() {
        return new TokenView(this.id, this.name, this.prefix + "…", this.role, this.createdBy, this.createdAt,
                this.expiresAt, this.revokedAt, this.lastUsedAt);
    }

    /** A token as shown: never the token, never its hash. */
    record TokenView(@Nullable Long id, String name, String prefix, Role role, String createdBy, Instant createdAt,
            @Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {
    }
}
