package dev.lambdalens.security;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.Paging;
import dev.lambdalens.ReaderZone;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Settings pages for admins: users, API tokens (a new token shown once), and the audit log.
 */
@Controller
class SettingsPagesController {

    private final UserAccounts users;

    private final ApiTokens tokens;

    private final AuditLog audit;

    private final java.time.Duration maxTokenLifetime;

    SettingsPagesController(UserAccounts users, ApiTokens tokens, AuditLog audit, SecurityProperties properties) {
        this.maxTokenLifetime = properties.maxTokenLifetime();
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
    }

    @GetMapping("/settings")
    String settings(Model model) {
        model.addAttribute("users", this.users.all());
        model.addAttribute("tokens", this.tokens.all());
        model.addAttribute("roles", Role.values());
        model.addAttribute("maxTokenDays", this.maxTokenLifetime.toDays());
        return "security/settings";
    }

    @PostMapping("/settings/users")
    String createUser(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String role, RedirectAttributes redirect) {
        redirect.addFlashAttribute("typedUsername", username);
        redirect.addFlashAttribute("typedUserRole", role);
        return attemptForm(() -> this.users.create(username, password, role(role)),
                "User " + username.trim() + " created.", "userErrors", redirect);
    }

    @PostMapping("/settings/users/{id}")
    String changeUser(@PathVariable long id, @RequestParam(defaultValue = "") String role,
            @RequestParam(required = false) @Nullable String enabled,
            @RequestParam(required = false) @Nullable String password, RedirectAttributes redirect) {
        return attempt(() -> this.users.change(id, role(role), enabled != null && !enabled.equals("false"), password),
                "User changed.", redirect);
    }

    /** Deletes the user once confirmed; without {@code confirmed=true} it only asks. */
    @PostMapping("/settings/users/{id}/delete")
    String deleteUser(@PathVariable long id, @RequestParam(required = false) @Nullable String confirmed,
            RedirectAttributes redirect, org.springframework.ui.Model model) {
        if (!dev.lambdalens.shared.Confirmation.given(confirmed)) {
            String name = this.users.all().stream().filter((u) -> java.util.Objects.equals(u.id(), id)).map(AppUser.UserView::username)
                .findFirst()
                .orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
                        org.springframework.http.HttpStatus.NOT_FOUND, "No user " + id));
            return new dev.lambdalens.shared.Confirmation("Delete user", "Delete the user " + name + "?",
                    "They can no longer sign in. What they did stays in the audit log under their name.",
                    "Delete the user", "/settings/users/" + id + "/delete", "/settings", "settings").ask(model);
        }
        return attempt(() -> this.users.delete(id), "User deleted.", redirect);
    }

    @PostMapping("/settings/tokens")
    String createToken(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String role,
            @RequestParam(required = false) @Nullable String expiresOn, HttpServletRequest request,
            RedirectAttributes redirect) {
        redirect.addFlashAttribute("typedTokenName", name);
        redirect.addFlashAttribute("typedExpiresOn", expiresOn);
        redirect.addFlashAttribute("typedTokenRole", role);
        return attemptForm(() -> {
            ApiTokens.Created created = this.tokens.create(name, role(role),
                    endOf(expiresOn, ReaderZone.of(request)), AuditLog.actor());
            redirect.addFlashAttribute("newToken", created.value());
        }, "Token " + name + " created: copy it now, it is not shown again.", "tokenErrors", redirect);
    }

    /** Revokes the token once confirmed; without {@code confirmed=true} it only asks. */
    @PostMapping("/settings/tokens/{id}/revoke")
    String revokeToken(@PathVariable long id, @RequestParam(required = false) @Nullable String confirmed,
            RedirectAttributes redirect, org.springframework.ui.Model model) {
        if (!dev.lambdalens.shared.Confirmation.given(confirmed)) {
            String name = this.tokens.all().stream().filter((t) -> java.util.Objects.equals(t.id(), id)).map(ApiToken.TokenView::name)
                .findFirst()
                .orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
                        org.springframework.http.HttpStatus.NOT_FOUND, "No token " + id));
            return new dev.lambdalens.shared.Confirmation("Revoke token", "Revoke the token " + name + "?",
                    "Every tool that uses it is refused from now on. A revoked token cannot be used again.",
                    "Revoke the token", "/settings/tokens/" + id + "/revoke", "/settings", "settings").ask(model);
        }
        return attempt(() -> this.tokens.revoke(id), "Token revoked.", redirect);
    }

    /** Events per page of the audit log page when the address names no limit. */
    static final int AUDIT_PAGE = 50;

    /**
     * The audit log, newest first, a page at a time (keyset: the next page starts after the last event shown, so
     * events written meanwhile never shift it), narrowed by entity type, actor and a search.
     */
    @GetMapping("/settings/audit")
    String audit(@RequestParam(required = false) @Nullable String entityType,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String search,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor, Model model) {
        int size = (limit != null) ? Paging.limit(limit) : AUDIT_PAGE;
        long before = (cursor != null && !cursor.isBlank()) ? Paging.number(Paging.keyOf(cursor, 1).get(0))
                : Long.MAX_VALUE;
        String type = blankToNull(entityType);
        String by = blankToNull(actor);
        List<AuditEvent> rows = this.audit.page(before, type, by, Instant.EPOCH, Paging.END_OF_TIME, search, size + 1);
        List<AuditEvent.View> events = rows.stream().limit(size).map(AuditEvent::view).toList();
        model.addAttribute("events", events);
        model.addAttribute("entityType", type);
        model.addAttribute("actor", by);
        model.addAttribute("search", blankToNull(search));
        model.addAttribute("entityTypes", this.audit.entityTypes());
        model.addAttribute("paged", cursor != null && !cursor.isBlank());
        model.addAttribute("next", (rows.size() > size)
                ? ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor", Paging.cursorOf(events.get(events.size() - 1).id()))
                    .build()
                    .toUriString()
                : null);
        model.addAttribute("first", ServletUriComponentsBuilder.fromCurrentRequest()
            .replaceQueryParam("cursor")
            .build()
            .toUriString());
        return "security/audit";
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    /** A role as the form's choice sends it. */
    private static Role role(String value) {
        try {
            return Role.valueOf(value.trim());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidFieldException("role", "must be VIEWER, OPERATOR or ADMIN");
        }
    }

    /**
     * The end of the day a token is valid through, in the reader's zone (the one the page shows the tokens' expiry
     * in), or none.
     */
    private static @Nullable Instant endOf(@Nullable String day, ZoneId zone) {
        if (day == null || day.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(day.trim());
            if (date.getYear() > 9999) {
                throw new InvalidFieldException("expiresOn", "must be a date such as 2027-06-30");
            }
            return date.plusDays(1).atStartOfDay(zone).toInstant();
        }
        catch (java.time.format.DateTimeParseException ex) {
            throw new InvalidFieldException("expiresOn", "must be a date such as 2027-06-30");
        }
    }

    /**
     * A create form's change: a refusal goes back to the form as a message for the field at fault (the form's names:
     * the API's {@code expiresAt} is the form's last valid day), shown next to it.
     */
    private static String attemptForm(Runnable change, String done, String errorsName, RedirectAttributes redirect) {
        try {
            change.run();
            redirect.addFlashAttribute("message", done);
        }
        catch (InvalidFieldException ex) {
            String field = ex.field().equals("expiresAt") ? "expiresOn" : ex.field();
            redirect.addFlashAttribute(errorsName, java.util.Map.of(field, String.valueOf(ex.getMessage())));
        }
        return "redirect:/settings";
    }

    private static String attempt(Runnable change, String done, RedirectAttributes redirect) {
        try {
            change.run();
            redirect.addFlashAttribute("message", done);
        }
        catch (InvalidFieldException ex) {
            redirect.addFlashAttribute("problem", ex.field() + ": " + ex.getMessage());
        }
        return "redirect:/settings";
    }
}
