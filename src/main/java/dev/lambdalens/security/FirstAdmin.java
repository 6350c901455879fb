package dev.lambdalens.security;

import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At first start (no user yet), creates the admin: with {@code LAMBDALENS_SECURITY_ADMIN_PASSWORD} when it is set,
 * otherwise with a generated password printed once, now, and never again (only its hash is stored). Also stores the
 * environment's bootstrap token.
 */
@Component
@Order(0)
class FirstAdmin implements ApplicationRunner {

    private static final Logger logger = LoggerFactory.getLogger(FirstAdmin.class);

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    static final String USERNAME = "admin";

    private final UserAccounts users;

    private final ApiTokens tokens;

    private final SecurityProperties properties;

    FirstAdmin(UserAccounts users, ApiTokens tokens, SecurityProperties properties) {
        this.users = users;
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        String token = this.properties.bootstrapToken();
        if (token != null && !token.isBlank()) {
            this.tokens.bootstrap(token.trim());
        }
        if (this.users.any()) {
            return;
        }
        String configured = this.properties.adminPassword();
        if (configured != null && !configured.isBlank()) {
            this.users.create(USERNAME, configured, Role.ADMIN);
            logger.info("Created the admin user '{}' with the password from LAMBDALENS_SECURITY_ADMIN_PASSWORD",
                    USERNAME);
            return;
        }
        String generated = generate();
        this.users.create(USERNAME, generated, Role.ADMIN);
        logger.warn("\n\n    Created the admin user '{}' with the password:  {}\n\n    It is shown this once and stored "
                + "only as a hash. Sign in and change it under Settings.\n", USERNAME, generated);
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
