package dev.lambdalens.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Who is signed in, for the layout's sign-out button on every page, and what their role lets them do, so that a page
 * offers only the actions the server would accept from them.
 */
@ControllerAdvice(annotations = Controller.class)
class SignedInUserAdvice {

    /** Whether the user may change rules, channels, budgets, users, tokens and settings. */
    @ModelAttribute("canAdmin")
    boolean canAdmin() {
        return has(Role.ADMIN);
    }

    /** Whether the user may acknowledge and silence alerts. */
    @ModelAttribute("canOperate")
    boolean canOperate() {
        return has(Role.OPERATOR);
    }

    private static boolean has(Role role) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
            .anyMatch((a) -> ("ROLE_" + role.name()).equals(a.getAuthority()));
    }

    @ModelAttribute("signedInAs")
    @Nullable String signedInAs() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) ? null : authentication.getName();
    }
}
