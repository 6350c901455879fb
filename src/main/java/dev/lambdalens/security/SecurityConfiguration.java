package dev.lambdalens.security;


import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Deny by default. Public: the login page, static assets and health. VIEWER: reading every page and API answer.
 * OPERATOR: acknowledging alerts and silencing them. ADMIN: every other change. The API answers 401 and 403 as
 * problems; pages send an anonymous visitor to the login page.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    /** The password encoder exists in every kind of application context; the filter chain only in a web one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class WebSecurity {

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http, UserAccounts users, PasswordEncoder passwords,
                LoginAttempts attempts, ApiTokens tokens, ProblemResponses problems, SecurityProperties properties,
                ObjectProvider<ClientRegistrationRepository> oidcClients, OidcUsers oidcUsers) throws Exception {
            DaoAuthenticationProvider passwordLogin = new DaoAuthenticationProvider(users);
            passwordLogin.setPasswordEncoder(passwords);
            http.authenticationProvider(new RateLimitedAuthenticationProvider(passwordLogin, attempts));
            http.addFilterBefore(new BearerTokenFilter(tokens, problems), UsernamePasswordAuthenticationFilter.class);
            http.authorizeHttpRequests((authorize) -> {
                authorize.requestMatchers("/login", "/static/**", "/webjars/**", "/error",
                        "/actuator/health", "/actuator/health/**").permitAll();
                // Kinesis Data Firehose authenticates with its own access key, checked by the endpoint
                authorize.requestMatchers(HttpMethod.POST, FIREHOSE, LOGS_FIREHOSE).permitAll();
                if (properties.prometheusPublic()) {
                    authorize.requestMatchers(HttpMethod.GET, "/actuator/prometheus").permitAll();
                }
                authorize.requestMatchers(HttpMethod.POST, "/api/v1/alerts/*/ack", "/alerts/*/ack", "/api/v1/silences",
                        "/alerts/silences", "/alerts/silences/*/expire", "/alerts/*/silence").hasRole(Role.OPERATOR.name());
                authorize.requestMatchers(HttpMethod.DELETE, "/api/v1/silences/*").hasRole(Role.OPERATOR.name());
                authorize.requestMatchers("/settings/**", "/api/v1/users", "/api/v1/users/**", "/api/v1/tokens",
                        "/api/v1/tokens/**", "/api/v1/audit", "/alerts/rules/new", "/alerts/rules/*/edit", "/alerts/rules/*/delete",
                        "/costs/budgets/new", "/costs/budgets/*/edit").hasRole(Role.ADMIN.name());
                authorize.requestMatchers(HttpMethod.GET, "/**").hasRole(Role.VIEWER.name());
                authorize.requestMatchers(HttpMethod.HEAD, "/**").hasRole(Role.VIEWER.name());
                authorize.requestMatchers(HttpMethod.POST, "/logout").authenticated();
                authorize.anyRequest().hasRole(Role.ADMIN.name());
            });
            http.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false)
                .failureHandler(new SignInFailure()));
            // only a page's address is remembered for after sign-in; an API call leaves no session behind
            http.requestCache((cache) -> cache.requestCache(new SessionSafeRequestCache()));
            http.logout((logout) -> logout.logoutSuccessUrl("/login?logout"));
            if (oidcClients.getIfAvailable() != null) {
                http.oauth2Login((oauth) -> oauth.loginPage("/login")
                    .failureHandler(new SignInFailure())
                    .userInfoEndpoint((info) -> info.oidcUserService(oidcUsers)));
            }
            // a bearer token is no cookie a forged form could ride on; every session-authenticated change needs the token
            // and an API call without a signed-in session has no cookie to forge with: it is answered 401, as documented,
            // rather than refused by the CSRF check
            http.csrf((csrf) -> csrf.ignoringRequestMatchers(FIREHOSE, LOGS_FIREHOSE)
                .ignoringRequestMatchers(BearerTokenFilter::carriesToken)
                .ignoringRequestMatchers((request) -> API.matches(request) && !signedIn()));
            http.exceptionHandling((exceptions) -> exceptions
                .defaultAuthenticationEntryPointFor((request, response, ex) -> problems.write(response, 401,
                        "Unauthorized", "Sign in, or send Authorization: Bearer <token>."), API)
                .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        (request) -> !API.matches(request))
                .defaultAccessDeniedHandlerFor((request, response, ex) -> problems.write(response, 403, "Forbidden",
                        "Your role does not allow this."), API)
                // a page answers with the error page in the layout (the error controller renders it as HTML)
                .defaultAccessDeniedHandlerFor((request, response, ex) -> response.sendError(403),
                        (request) -> !API.matches(request)));
            http.headers((headers) -> headers.frameOptions((frame) -> frame.deny())
                .httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true)));
            return http.build();
        }
    }

    /** The Metric Streams endpoint, which Firehose calls with its access key rather than a session or token. */
    static final String FIREHOSE = "/api/v1/metric-streams/firehose";

    /** The CloudWatch Logs subscription endpoint, called by Firehose with its own access key likewise. */
    static final String LOGS_FIREHOSE = "/api/v1/logs/firehose";

    /** Requests answered as an API: problems rather than login pages. */
    static final RequestMatcher API = (request) -> {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/api-docs");
    };

    /** Whether the request belongs to a signed-in session (or a token), as opposed to an anonymous caller. */
    static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt today, and any stronger scheme later without invalidating stored hashes
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
