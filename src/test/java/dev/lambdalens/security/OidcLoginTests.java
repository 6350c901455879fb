package dev.lambdalens.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * OpenID Connect by configuration only: Spring Boot's client registration properties, nothing else.
 */
@SpringBootTest(properties = { "lambdalens.test.signed-in=false",
        "spring.security.oauth2.client.registration.corp.client-id=lambdalens",
        "spring.security.oauth2.client.registration.corp.client-secret=not-a-real-secret",
        "spring.security.oauth2.client.registration.corp.client-name=Corp SSO",
        "spring.security.oauth2.client.registration.corp.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.corp.scope=openid,email",
        "spring.security.oauth2.client.registration.corp.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.corp.authorization-uri=https://sso.example.com/authorize",
        "spring.security.oauth2.client.provider.corp.token-uri=https://sso.example.com/token",
        "spring.security.oauth2.client.provider.corp.jwk-set-uri=https://sso.example.com/jwks",
        "lambdalens.security.oidc.admin-emails=boss@example.com",
        "lambdalens.security.oidc.operator-emails=oncall@example.com" })
@AutoConfigureMockMvc
class OidcLoginTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    OidcUsers users;

    @Test
    void theSignInPageOffersTheProviderAndSendsTheBrowserThere() throws Exception {
        this.mvc.perform(get("/login")).andExpect(content().string(containsString("Sign in with Corp SSO")));
        this.mvc.perform(get("/oauth2/authorization/corp"))
            .andExpect(status().isFound())
            .andExpect(header().string("Location", startsWith("https://sso.example.com/authorize?response_type=code")));
    }

    @Test
    void rolesComeFromTheConfiguredAddressesOrTheDefault() {
        assertThat(this.users.roleFor("Boss@Example.com")).isEqualTo(Role.ADMIN);
        assertThat(this.users.roleFor("oncall@example.com")).isEqualTo(Role.OPERATOR);
        assertThat(this.users.roleFor("someone@example.com")).isEqualTo(Role.VIEWER);
        assertThat(this.users.roleFor(null)).isEqualTo(Role.VIEWER);
    }
}
