package dev.lambdalens;

import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.DemoDataConfiguration;
import dev.lambdalens.testing.EmbeddedPostgresSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code postgres} profile on a real PostgreSQL server: Flyway migrates, Hibernate validates the schema, a
 * collection cycle stores, and the API reads back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("postgres")
@Import(DemoDataConfiguration.class)
class PostgresApplicationTests {

    @Autowired
    RestTestClient http;

    @Autowired
    DemoData demoData;

    @Autowired
    SeriesQueries queries;

    private static String url;

    @BeforeAll
    static void requirePostgres() {
        EmbeddedPostgresSupport.server();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresApplicationTests::databaseUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static synchronized String databaseUrl() {
        if (url == null) {
            url = EmbeddedPostgresSupport.freshDatabaseUrl("application");
        }
        return url;
    }

    @Test
    void shouldMigrateCollectAndServeOnPostgresql() {
        this.demoData.collectOnce();
        assertThat(this.queries.sampleCount()).isGreaterThan(100_000);
        this.http.get().uri("/api/v1/functions/us-east-1/image-resizer").exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.lastHour.peakConcurrency").isEqualTo(20.0);
        this.http.get().uri("/api/v1/series?metric=ClaimedAccountConcurrency&region=eu-west-1").exchange()
            .expectStatus().isOk().expectBody()
            .jsonPath("$.points.length()").isEqualTo(60); // 11:00 to 11:59: the range starts on a whole minute
        this.http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.components.db.details.database").isEqualTo("PostgreSQL");
    }
}
