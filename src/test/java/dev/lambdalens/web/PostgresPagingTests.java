package dev.lambdalens.web;

import dev.lambdalens.testing.EmbeddedPostgresSupport;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same walks on PostgreSQL, where the keyset queries' optional filters and time bounds must bind as well.
 */
@ActiveProfiles("postgres")
class PostgresPagingTests extends PagingTests {

    private static String url;

    @BeforeAll
    static void requirePostgres() {
        EmbeddedPostgresSupport.server();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresPagingTests::databaseUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static synchronized String databaseUrl() {
        if (url == null) {
            url = EmbeddedPostgresSupport.freshDatabaseUrl("paging");
        }
        return url;
    }
}
