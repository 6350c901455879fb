package dev.lambdalens.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A failed sign-in goes back to the sign-in page with its reason. Only the reason's text is kept in the session:
 * Spring Security's default keeps the exception, which holds the sign-in request and so the typed password, and the
 * session lives in a database table.
 */
class SignInFailure implements AuthenticationFailureHandler {

    static final String REASON = "lambdalens.signInFailure";

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        request.getSession().setAttribute(REASON, reason(exception));
        response.sendRedirect(request.getContextPath() + "/login?error");
    }

    private static String reason(AuthenticationException exception) {
        if (exception instanceof LockedException && exception.getMessage() != null
                && exception.getMessage().startsWith("Too many")) {
            return exception.getMessage();
        }
        if (exception instanceof DisabledException) {
            return "This user is disabled.";
        }
        if (exception instanceof BadCredentialsException) {
            return "Wrong username or password.";
        }
        return "Sign-in failed.";
    }
}
