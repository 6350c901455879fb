package dev.lambdalens.security;

import dev.lambdalens.Paging;

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

    /**
     * The audit log in pages, newest first: at most {@code limit} (default 200, up to 1,000), the next page linked in
     * the {@code Link} header.
     */
    @GetMapping("/api/v1/audit")
    org.springframework.http.ResponseEntity<List<AuditEvent.View>> audit(
            @RequestParam(required = false) @Nullable String entityType,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "200") int limit, @RequestParam(required = false) @Nullable String cursor) {
        int size = Paging.limit(limit);
        long before = (cursor != null) ? Paging.number(Paging.keyOf(cursor, 1).get(0)) : Long.MAX_VALUE;
        List<AuditEvent> rows = this.audit.page(before, entityType, actor, instant("from", from, java.time.Instant.EPOCH),
                instant("to", to, Paging.END_OF_TIME), size + 1);
        return Paging.page(rows, size, (e) -> Paging.cursorOf(e.view().id()), AuditEvent::view);
    }

    private static java.time.Instant instant(String field, @Nullable String value, java.time.Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return java.time.Instant.parse(value);
        }
        catch (java.time.format.DateTimeParseException ex) {
            throw new dev.lambdalens.InvalidFieldException(field, field + " must be an ISO-8601 instant such as "
                    + "2026-11-28T10:00:00Z, not " + value);
        }
    }

    record NewUser(@NotBlank @Size(max = 100) String username, @NotBlank String password, @NotNull Role role) {
    }

    record UserChange(@NotNull Role role, @Nullable Boolean enabled, @Nullable String password) {
    }

    record NewToken(@NotBlank @Size(max = 100) String name, @NotNull Role role, @Nullable Instant expiresAt) {
    }
}
