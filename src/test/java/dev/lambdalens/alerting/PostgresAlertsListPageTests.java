package dev.lambdalens.alerting;

import dev.lambdalens.testing.EmbeddedPostgresSupport;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The alerts page on PostgreSQL, where its native keyset query (ranks by CASE, a bound LIMIT, text and time keys) must order and bind as on H2.
 */
@ActiveProfiles("postgres")
class PostgresAlertsListPageTests extends AlertsListPageTests {

    private static String url;

    @BeforeAll
    static void requirePostgres() {
        EmbeddedPostgresSupport.server();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresAlertsListPageTests::databaseUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static synchronized String databaseUrl() {
        if (url == null) {
            url = EmbeddedPostgresSupport.freshDatabaseUrl("alerts_list");
        }
        return url;
    }
}
