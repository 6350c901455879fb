package dev.lambdalens.alerting;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting: the signed-in user, or the API token's name ({@code token:<name>}), never a name typed into a
 * form, so that an acknowledgement or a silence says truly who made it.
 */
final class Actor {

    private Actor() {
    }

    /** The signed-in user or token; {@code typed} only where nobody is signed in (security switched off). */
    static String current(@Nullable String typed) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return authentication.getName();
        }
        return (typed != null && !typed.isBlank()) ? typed.trim() : "anonymous";
    }
}
