package dev.lambdalens.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page, with the reason of a failed attempt (wrong password, or rate limited) and a button per
 * configured OpenID Connect provider.
 */
@Controller
class LoginController {

    private final ObjectProvider<ClientRegistrationRepository> oidcClients;

    LoginController(ObjectProvider<ClientRegistrationRepository> oidcClients) {
        this.oidcClients = oidcClients;
    }

    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        if (request.getParameter("error") != null && session != null
                && session.getAttribute(SignInFailure.REASON) instanceof String reason) {
            model.addAttribute("error", reason);
        }
        else if (request.getParameter("error") != null) {
            model.addAttribute("error", "Sign-in failed.");
        }
        model.addAttribute("loggedOut", request.getParameter("logout") != null);
        java.util.List<ClientRegistration> providers = new java.util.ArrayList<>();
        if (this.oidcClients.getIfAvailable() instanceof Iterable<?> registrations) {
            registrations.forEach((r) -> providers.add((ClientRegistration) r));
        }
        model.addAttribute("providers", providers);
        return "security/login";
    }
}
