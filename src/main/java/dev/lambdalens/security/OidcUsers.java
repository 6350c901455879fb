package dev.lambdalens.security;

import java.util.Locale;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Users signing in through OpenID Connect (configured with Spring Boot's
 * {@code spring.security.oauth2.client.registration.*} alone): the role comes from LambdaLens's own user store, where
 * a first sign-in creates the user with the role configured for their e-mail address, or the default role.
 */
@Component
class OidcUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();

    private final UserAccounts users;

    private final SecurityProperties properties;

    OidcUsers(UserAccounts users, SecurityProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = this.delegate.loadUser(request);
        String email = (user.getEmail() != null) ? user.getEmail().toLowerCase(Locale.ROOT) : null;
        String username = (email != null) ? email : user.getSubject();
        AppUser.UserView account = this.users.oidcUser(username, roleFor(email));
        if (!account.enabled()) {
            throw new OAuth2AuthenticationException("User " + username + " is disabled");
        }
        return new DefaultOidcUser(account.role().authorities(), user.getIdToken(), user.getUserInfo(),
                (email != null) ? "email" : "sub");
    }

    Role roleFor(@org.jspecify.annotations.Nullable String email) {
        SecurityProperties.Oidc oidc = this.properties.oidc();
        if (email != null && oidc.adminEmails().stream().anyMatch(email::equalsIgnoreCase)) {
            return Role.ADMIN;
        }
        if (email != null && oidc.operatorEmails().stream().anyMatch(email::equalsIgnoreCase)) {
            return Role.OPERATOR;
        }
        return oidc.defaultRole();
    }
}
