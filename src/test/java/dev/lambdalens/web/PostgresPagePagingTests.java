package dev.lambdalens.web;

import dev.lambdalens.testing.EmbeddedPostgresSupport;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The page walks on PostgreSQL.
 */
@ActiveProfiles("postgres")
class PostgresPagePagingTests extends PagePagingTests {

    private static String url;

    @BeforeAll
    static void requirePostgres() {
        EmbeddedPostgresSupport.server();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresPagePagingTests::databaseUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static synchronized String databaseUrl() {
        if (url == null) {
            url = EmbeddedPostgresSupport.freshDatabaseUrl("page_paging");
        }
        return url;
    }
}
