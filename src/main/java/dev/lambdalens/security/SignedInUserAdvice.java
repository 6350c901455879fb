package dev.lambdalens.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Who is signed in, for the layout's sign-out button on every page. */
@ControllerAdvice(annotations = Controller.class)
class SignedInUserAdvice {

    @ModelAttribute("signedInAs")
    @Nullable String signedInAs() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) ? null : authentication.getName();
    }
}
