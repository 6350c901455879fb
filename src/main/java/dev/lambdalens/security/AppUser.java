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
 * Someone who signs in: a password hash (null for users who sign in through OpenID Connect only) and a role.
 */
@Entity
@Table(name = "app_user")
class AppUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private String username;

    private @Nullable String passwordHash;

    @Enumerated(EnumType.STRING)
    private Role role;

    private boolean enabled;

    private Instant createdAt;

    private Instant updatedAt;

    @SuppressWarnings("NullAway.Init")
    protected AppUser() {
        // for JPA
    }

    AppUser(String username, @Nullable String passwordHash, Role role, Instant now) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.enabled = true;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void change(Role role, boolean enabled, @Nullable String passwordHash, Instant now) {
        this.role = role;
        this.enabled = enabled;
        if (passwordHash != null) {
            this.passwordHash = passwordHash;
        }
        this.updatedAt = now;
    }

    @Nullable Long id() {
        return this.id;
    }

    String username() {
        return this.username;
    }

    @Nullable String passwordHash() {
        return this.passwordHash;
    }

    Role role() {
        return this.role;
    }

    boolean enabled() {
        return this.enabled;
    }

    Instant createdAt() {
        return this.createdAt;
    }

    /** What the API and the audit log show of a user: never the hash. */
    UserView view() {
        return new UserView(this.id, this.username, this.role, this.enabled, this.passwordHash != null, this.createdAt);
    }

    /** A user as shown. */
    record UserView(@Nullable Long id, String username, Role role, boolean enabled, boolean hasPassword,
            Instant createdAt) {
    }
}
