package dev.lambdalens.security;

import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.lambdalens.InvalidFieldException;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings pages for admins: users, API tokens (a new token shown once), and the audit log.
 */
@Controller
class SettingsPagesController {

    private final UserAccounts users;

    private final ApiTokens tokens;

    private final AuditLog audit;

    SettingsPagesController(UserAccounts users, ApiTokens tokens, AuditLog audit) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
    }

    @GetMapping("/settings")
    String settings(Model model) {
        model.addAttribute("users", this.users.all());
        model.addAttribute("tokens", this.tokens.all());
        model.addAttribute("roles", Role.values());
        return "security/settings";
    }

    @PostMapping("/settings/users")
    String createUser(@RequestParam String username, @RequestParam String password, @RequestParam Role role,
            RedirectAttributes redirect) {
        return attempt(() -> this.users.create(username, password, role), "User " + username + " created.", redirect);
    }

    @PostMapping("/settings/users/{id}")
    String changeUser(@PathVariable long id, @RequestParam Role role,
            @RequestParam(defaultValue = "false") boolean enabled, @RequestParam(required = false) @Nullable String password,
            RedirectAttributes redirect) {
        return attempt(() -> this.users.change(id, role, enabled, password), "User changed.", redirect);
    }

    @PostMapping("/settings/users/{id}/delete")
    String deleteUser(@PathVariable long id, RedirectAttributes redirect) {
        return attempt(() -> this.users.delete(id), "User deleted.", redirect);
    }

    @PostMapping("/settings/tokens")
    String createToken(@RequestParam String name, @RequestParam Role role,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate expiresOn,
            RedirectAttributes redirect) {
        return attempt(() -> {
            ApiTokens.Created created = this.tokens.create(name, role,
                    (expiresOn != null) ? expiresOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null,
                    AuditLog.actor());
            redirect.addFlashAttribute("newToken", created.value());
        }, "Token " + name + " created: copy it now, it is not shown again.", redirect);
    }

    @PostMapping("/settings/tokens/{id}/revoke")
    String revokeToken(@PathVariable long id, RedirectAttributes redirect) {
        return attempt(() -> this.tokens.revoke(id), "Token revoked.", redirect);
    }

    @GetMapping("/settings/audit")
    String audit(@RequestParam(required = false) @Nullable String entityType, Model model) {
        model.addAttribute("events", this.audit.recent((entityType == null || entityType.isBlank()) ? null : entityType,
                500));
        model.addAttribute("entityType", entityType);
        return "security/audit";
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
