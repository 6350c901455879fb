package dev.lambdalens.security;

import java.time.Duration;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in with rate limiting: too many failures for one username or from one address, and sign-in is
 * refused with a message saying for how long, before the password is even checked.
 */
class RateLimitedAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;

    private final LoginAttempts attempts;

    RateLimitedAuthenticationProvider(AuthenticationProvider delegate, LoginAttempts attempts) {
        this.delegate = delegate;
        this.attempts = attempts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = String.valueOf(authentication.getName());
        String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
                ? String.valueOf(details.getRemoteAddress()) : "unknown";
        Duration blocked = this.attempts.blockedFor(username, address);
        if (!blocked.isZero()) {
            long minutes = Math.max(1, (blocked.getSeconds() + 59) / 60);
            throw new LockedException("Too many failed sign-ins: try again in " + minutes + " minute"
                    + ((minutes == 1) ? "" : "s") + ".");
        }
        try {
            Authentication result = this.delegate.authenticate(authentication);
            this.attempts.succeeded(username);
            return result;
        }
        catch (BadCredentialsException ex) {
            this.attempts.failed(username, address);
            throw new BadCredentialsException("Wrong username or password.", ex);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
