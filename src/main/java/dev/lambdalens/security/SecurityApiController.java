package dev.lambdalens.security;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users, API tokens and the audit log, for admins.
 */
@RestController
class SecurityApiController {

    private final UserAccounts users;

    private final ApiTokens tokens;

    private final AuditLog audit;

    SecurityApiController(UserAccounts users, ApiTokens tokens, AuditLog audit) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
    }

    @GetMapping("/api/v1/users")
    List<AppUser.UserView> users() {
        return this.users.all();
    }

    @PostMapping("/api/v1/users")
    ResponseEntity<AppUser.UserView> createUser(@Valid @RequestBody NewUser request) {
        AppUser.UserView user = this.users.create(request.username(), request.password(), request.role());
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
    }

    @PutMapping("/api/v1/users/{id}")
    AppUser.UserView changeUser(@PathVariable long id, @Valid @RequestBody UserChange request) {
        return this.users.change(id, request.role(), (request.enabled() == null) || request.enabled(),
                request.password());
    }

    @DeleteMapping("/api/v1/users/{id}")
    ResponseEntity<Void> deleteUser(@PathVariable long id) {
        this.users.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/tokens")
    List<ApiToken.TokenView> tokens() {
        return this.tokens.all();
    }

    /** The answer's {@code value} is the token: shown this once, stored only as a hash. */
    @PostMapping("/api/v1/tokens")
    ResponseEntity<ApiTokens.Created> createToken(@Valid @RequestBody NewToken request) {
        ApiTokens.Created created = this.tokens.create(request.name(), request.role(), request.expiresAt(),
                AuditLog.actor());
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.token().id())).body(created);
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    ApiToken.TokenView revokeToken(@PathVariable long id) {
        return this.tokens.revoke(id);
    }

    @GetMapping("/api/v1/audit")
    List<AuditEvent.View> audit(@RequestParam(required = false) @Nullable String entityType,
            @RequestParam(defaultValue = "200") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new dev.lambdalens.InvalidFieldException("limit", "must be between 1 and 1000");
        }
        return this.audit.recent(entityType, limit);
    }

    record NewUser(@NotBlank @Size(max = 100) String username, @NotBlank String password, @NotNull Role role) {
    }

    record UserChange(@NotNull Role role, @Nullable Boolean enabled, @Nullable String password) {
    }

    record NewToken(@NotBlank @Size(max = 100) String name, @NotNull Role role, @Nullable Instant expiresAt) {
    }
}
