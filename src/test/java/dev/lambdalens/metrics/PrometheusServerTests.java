package dev.lambdalens.metrics;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.LocalServer;
import dev.lambdalens.testing.MutableClock;
import dev.lambdalens.testing.SignedInAsAdmin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus exposition scraped by a real Prometheus (Debian's {@code prometheus}) on a loopback port, with a
 * bearer token: the target is up, a scrape without the token is refused, PromQL returns the stored values at the
 * minutes they describe, and every query of the shipped Grafana dashboard runs and finds series. The clock is the
 * wall clock's: Prometheus judges sample timestamps by its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lambdalens.prometheus.enabled=true", "lambdalens.collector.initial-backfill=1h" })
@Import({ DemoData.class, PrometheusServerTests.WallClock.class })
class PrometheusServerTests {

    static final JsonMapper json = JsonMapper.builder().build();

    static final Path DASHBOARD = Path.of("deploy/grafana/lambdalens-dashboard.json");

    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    DemoData demoData;

    @Autowired
    SeriesQueries queries;

    LocalServer prometheus;

    @BeforeEach
    void scrape() throws Exception {
        LocalServer.requireInstalled("/usr/bin/prometheus", "prometheus");
        this.demoData.collectOnce();
        String target = "127.0.0.1:" + this.port;
        String config = """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: lambda
                    metrics_path: /api/v1/prometheus
                    authorization: {type: Bearer, credentials_file: token}
                    static_configs: [{targets: ["%s"]}]
                  - job_name: lambda-without-token
                    metrics_path: /api/v1/prometheus
                    static_configs: [{targets: ["%s"]}]
                """.formatted(target, target);
        this.prometheus = LocalServer.start("/usr/bin/prometheus", "prometheus", "prometheus.yml", config,
                (port, dir) -> {
                    write(dir.resolve("token"), SignedInAsAdmin.BOOTSTRAP_TOKEN);
                    return List.of("--config.file=" + dir.resolve("prometheus.yml"),
                            "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                            "--log.level=warn");
                },
                "/-/ready");
    }

    @AfterEach
    void stop() {
        if (this.prometheus != null) {
            this.prometheus.close();
        }
    }

    @Test
    void shouldBeScrapedWithATokenAndAnswerPromQlWithTheStoredValues() throws Exception {
        JsonNode targets = awaitTargets();
        assertThat(health(targets, "lambda")).isEqualTo("up");
        assertThat(health(targets, "lambda-without-token")).isEqualTo("down");
        assertThat(lastError(targets, "lambda-without-token")).contains("401");

        // what LambdaLens exposes for one series, and what the store holds for that minute
        String text = get("http://127.0.0.1:" + this.port + "/api/v1/prometheus", SignedInAsAdmin.BOOTSTRAP_TOKEN);
        Matcher line = Pattern.compile("lambdalens_lambda_invocations_sum\\{account=\"123456789012\","
                + "function_name=\"orders-api\",region=\"us-east-1\"} (\\S+) (\\d+)").matcher(text);
        assertThat(line.find()).as(text).isTrue();
        long minute = Long.parseLong(line.group(2)) / 1000;
        double stored = this.queries.read(SeriesKey.ofFunction("123456789012", "us-east-1", "orders-api",
                LambdaMetric.INVOCATIONS, Statistic.SUM), Instant.ofEpochSecond(minute),
                Instant.ofEpochSecond(minute + 60), 60).points().get(0).value();

        JsonNode result = awaitQuery("lambdalens_lambda_invocations_sum{function_name=\"orders-api\","
                + "region=\"us-east-1\"}", minute);
        assertThat(result.size()).isEqualTo(1);
        assertThat(result.get(0).get("metric").get("account").asString()).isEqualTo("123456789012");
        assertThat(result.get(0).get("metric").get("job").asString()).isEqualTo("lambda");
        assertThat(result.get(0).get("value").get(0).asDouble()).isEqualTo(minute);
        assertThat(Double.parseDouble(result.get(0).get("value").get(1).asString())).isEqualTo(stored);

        // the account level, without a function label
        JsonNode account = awaitQuery("lambdalens_lambda_claimed_account_concurrency_maximum{region=\"eu-west-1\"}",
                Instant.now().getEpochSecond());
        assertThat(account.size()).isEqualTo(1);
        assertThat(account.get(0).get("metric").has("function_name")).isFalse();
    }

    @Test
    void shouldRunEveryQueryOfTheGrafanaDashboard() throws Exception {
        awaitTargets();
        JsonNode dashboard = json.readTree(Files.readString(DASHBOARD));
        assertThat(dashboard.get("uid").asString()).isEqualTo("lambdalens-lambda");
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                expressions.add(target.get("expr").asString());
            }
        }
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
        long now = Instant.now().getEpochSecond();
        awaitQuery("lambdalens_lambda_invocations_sum", now);
        for (String expression : expressions) {
            // the dashboard's variables set to "All"
            String query = expression.replace("$account", ".*").replace("$region", ".*").replace("$function", ".+");
            JsonNode result = awaitQuery(query, now);
            assertThat(result.size()).as("series for " + query).isPositive();
        }
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            if ("query".equals(variable.get("type").asString())) {
                String query = variable.get("query").get("query").asString();
                assertThat(query).as("a label_values() variable").startsWith("label_values(");
            }
        }
    }

    private JsonNode awaitTargets() throws Exception {
        for (int i = 0; i < 150; i++) {
            JsonNode targets = api("/api/v1/targets").get("data").get("activeTargets");
            if (targets.size() == 2 && targets.valueStream().noneMatch((t) -> "unknown".equals(t.get("health").asString()))) {
                return targets;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Prometheus never scraped: " + api("/api/v1/targets") + "\n" + this.prometheus.log());
    }

    private JsonNode awaitQuery(String promql, long time) throws Exception {
        JsonNode answer = null;
        for (int i = 0; i < 100; i++) {
            answer = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + time);
            assertThat(answer.get("status").asString()).as(promql + ": " + answer).isEqualTo("success");
            if (!answer.get("data").get("result").isEmpty()) {
                return answer.get("data").get("result");
            }
            Thread.sleep(200);
        }
        return answer.get("data").get("result");
    }

    private static String health(JsonNode targets, String job) {
        return target(targets, job).get("health").asString();
    }

    private static String lastError(JsonNode targets, String job) {
        return target(targets, job).get("lastError").asString();
    }

    private static JsonNode target(JsonNode targets, String job) {
        return targets.valueStream()
            .filter((t) -> job.equals(t.get("labels").get("job").asString()))
            .findFirst()
            .orElseThrow();
    }

    private JsonNode api(String path) throws Exception {
        return json.readTree(get(this.prometheus.url() + path, null));
    }

    private String get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isIn(200, 400, 422);
        return response.body();
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class WallClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }
}
