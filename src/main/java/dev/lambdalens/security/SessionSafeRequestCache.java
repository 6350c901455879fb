package dev.lambdalens.security;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Remembers where an anonymous visitor was going, so that signing in leads back there, and nothing more: only page
 * reads (an API client has no sign-in page to come back from, so an API call creates no session at all), and only
 * the address, never headers, cookies or a query parameter that may carry a credential. Spring Security's own cache
 * keeps the whole request, {@code Authorization} header included, in the session table.
 */
class SessionSafeRequestCache implements RequestCache {

    static final String ATTRIBUTE = "SPRING_SECURITY_SAVED_REQUEST";

    /** Query parameters whose values are dropped from a remembered address: they may be credentials. */
    private static final Pattern SENSITIVE = Pattern.compile("(?i).*(token|key|secret|pass|auth|sig|session|code).*");

    @Override
    public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
        if (!"GET".equals(request.getMethod()) || SecurityConfiguration.API.matches(request)) {
            return;
        }
        request.getSession().setAttribute(ATTRIBUTE, new SimpleSavedRequest(address(request)));
    }

    @Override
    public @Nullable SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        return (session != null && session.getAttribute(ATTRIBUTE) instanceof SavedRequest saved) ? saved : null;
    }

    @Override
    public @Nullable HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
        // the address is all there is to restore: once the visitor is back there, forget it
        SavedRequest saved = getRequest(request, response);
        if (saved != null && saved.getRedirectUrl().equals(address(request))) {
            removeRequest(request, response);
        }
        return null;
    }

    @Override
    public void removeRequest(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
    }

    /** The path and the harmless part of the query, relative to the application. */
    static String address(HttpServletRequest request) {
        UriComponentsBuilder address = UriComponentsBuilder.fromPath(request.getRequestURI());
        if (request.getQueryString() != null) {
            UriComponentsBuilder.fromUriString("?" + request.getQueryString())
                .build()
                .getQueryParams()
                .forEach((name, values) -> {
                    if (!SENSITIVE.matcher(name).matches()) {
                        address.queryParam(name, values.toArray());
                    }
                });
        }
        return address.build().toUriString();
    }
}
