package dev.lambdalens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.lambdalens.collector.source.SourceRegion;
import dev.lambdalens.collector.source.demo.DemoMetricSource;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.DemoDataConfiguration;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole product over real HTTP: the demo source collected into the embedded database and read back through
 * the REST API, and the actuator endpoints an operator scrapes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@AutoConfigureMetrics
@Import(DemoDataConfiguration.class)
class LambdaLensApplicationTests {

    @Autowired
    RestTestClient http;

    @Autowired
    DemoData demoData;

    @BeforeEach
    void collect() {
        this.demoData.collectOnce();
    }

    @Test
    void shouldServeExactlyWhatTheSourceReportedForSettledMinutes() {
        Instant from = DemoDataConfiguration.NOW.minus(Duration.ofHours(6)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Instant to = from.plus(Duration.ofHours(5));
        for (String[] series : new String[][] { { "Invocations", "Sum", "orders-api" }, { "Duration", "p99", "orders-api" },
                { "ConcurrentExecutions", "Maximum", "thumbnailer" }, { "Throttles", "Sum", "thumbnailer" } }) {
            Map<String, Object> answer = this.http.get()
                .uri("/api/v1/series?metric={m}&statistic={s}&region=eu-west-1&function={f}&from={from}&to={to}&step=60",
                        series[0], series[1], series[2], from, to)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                })
                .returnResult()
                .getResponseBody();
            SeriesKey key = SeriesKey.ofFunction("123456789012", "eu-west-1", series[2],
                    LambdaMetric.fromMetricName(series[0]).orElseThrow(),
                    Statistic.fromWireName(series[1]).orElseThrow());
            List<Point> expected = new DemoMetricSource(new MutableClock(to.plus(Duration.ofDays(1))))
                .fetch(new SourceRegion("123456789012", "eu-west-1"), List.of(key), from, to)
                .get(key);
            @SuppressWarnings("unchecked")
            List<List<Number>> points = (List<List<Number>>) answer.get("points");
            assertThat(points).as(key.toString()).hasSameSizeAs(expected).isNotEmpty();
            for (int i = 0; i < expected.size(); i++) {
                assertThat(points.get(i).get(0).longValue()).isEqualTo(expected.get(i).epochSecond());
                assertThat(points.get(i).get(1).doubleValue()).isEqualTo(expected.get(i).value());
            }
        }
    }

    @Test
    void shouldReportHealthWithTheDatabaseAndTheCollector() {
        this.http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.status").isEqualTo("UP")
            .jsonPath("$.components.db.status").isEqualTo("UP")
            .jsonPath("$.components.collector.status").isEqualTo("UP")
            .jsonPath("$.components.collector.details['123456789012/us-east-1']").isEqualTo("OK");
    }

    @Test
    void shouldShowTheBuildInInfo() {
        this.http.get().uri("/actuator/info").exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.build.artifact").isEqualTo("lambdalens")
            .jsonPath("$.build.version").exists();
    }

    @Test
    void shouldExportTheCollectorsOwnMetricsToPrometheus() {
        String scrape = this.http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("lambdalens_collector_cycle_seconds_count{account=\"123456789012\"",
                "lambdalens_collector_samples_written_total{", "lambdalens_collector_source_calls_total{",
                "lambdalens_collector_source_series_requested_total{", "lambdalens_collector_lag_seconds{");
    }

    @Test
    void shouldExposeNoOtherActuatorEndpoint() {
        for (String endpoint : new String[] { "env", "beans", "configprops", "heapdump", "loggers", "mappings" }) {
            this.http.get().uri("/actuator/" + endpoint).exchange().expectStatus().isNotFound();
        }
    }
}
