package dev.lambdalens.testing;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.resttestclient.autoconfigure.RestTestClientBuilderCustomizer;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Tests about other things than security act as an admin: MockMvc requests carry an ADMIN user and a CSRF token,
 * RestTestClient requests the bootstrap token. The security tests turn this off ({@code lambdalens.test.signed-in=false})
 * and meet the real thing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lambdalens.test.signed-in", havingValue = "true", matchIfMissing = true)
public class SignedInAsAdmin {

    public static final String BOOTSTRAP_TOKEN = "test-bootstrap-token-0123456789abcdef0123456789";

    @Bean
    MockMvcBuilderCustomizer mockMvcAsAdmin() {
        return (builder) -> builder.defaultRequest(get("/").with(user("admin").roles("ADMIN", "OPERATOR", "VIEWER"))
            .with(csrf()));
    }

    @Bean
    RestTestClientBuilderCustomizer restTestClientWithToken() {
        return (builder) -> builder.defaultHeader("Authorization", "Bearer " + BOOTSTRAP_TOKEN);
    }
}
