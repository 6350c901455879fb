package dev.lambdalens.logs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.lambdalens.logs.LogsFixtures.ACCOUNT;
import static dev.lambdalens.logs.LogsFixtures.MINUTE_MS;
import static dev.lambdalens.logs.LogsFixtures.REGION;
import static dev.lambdalens.logs.LogsFixtures.controlMessage;
import static dev.lambdalens.logs.LogsFixtures.dataMessage;
import static dev.lambdalens.logs.LogsFixtures.delivery;
import static dev.lambdalens.logs.LogsFixtures.gzipRecord;
import static dev.lambdalens.logs.LogsFixtures.plainRecord;
import static dev.lambdalens.logs.LogsFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudWatch Logs subscription deliveries as Firehose posts them, over real HTTP: no session, no CSRF token, the
 * endpoint's own access key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lambdalens.test.signed-in=false", "lambdalens.logs.enabled=true",
                "lambdalens.logs.access-key=" + LogSubscriptionTests.KEY,
                "lambdalens.logs.log-groups[/custom/app-logs]=custom-logs" })
class LogSubscriptionTests {

    static final String KEY = "logs-firehose-key-0123456789";

    static final String STREAM = "2026/11/28/[7]0a1b2c3d4e5f";

    static final String A = "8f5a3c2e-1b4d-4e6f-9a7b-0c1d2e3f4a5b";

    static final String B = "11111111-2222-4333-8444-555555555555";

    static final String C = "22222222-3333-4444-8555-666666666666";

    static final String D = "33333333-4444-4555-8666-777777777777";

    @LocalServerPort
    int port;

    @Autowired
    Inventory inventory;

    @Autowired
    SeriesQueries queries;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void functionsAndNoLogs() {
        LogsFixtures.functions(this.inventory, Instant.ofEpochMilli(MINUTE_MS));
        for (String table : List.of("log_error_sample", "log_error_event", "log_error_group", "log_report",
                "metric_sample")) {
            this.jdbc.sql("delete from " + table).update();
        }
    }

    @Test
    void shouldStoreTheFiguresOfEveryInvocationExactlyAndARedeliveryOnce() throws Exception {
        String body = delivery("req-1", gzipRecord(dataMessage("/aws/lambda/orders", STREAM,
                new Object[] { "e1", MINUTE_MS + 1_000, report(A, "Duration: 2.26 ms\tBilled Duration: 117 ms\t"
                        + "Memory Size: 512 MB\tMax Memory Used: 69 MB\tInit Duration: 114.05 ms") },
                new Object[] { "e2", MINUTE_MS + 2_000, report(B, "Duration: 102.25 ms\tBilled Duration: 103 ms\t"
                        + "Memory Size: 512 MB\tMax Memory Used: 72 MB") },
                new Object[] { "e3", MINUTE_MS + 30_000, "2026-11-28T08:00:30.000Z " + C
                        + " Task timed out after 30.00 seconds" },
                new Object[] { "e4", MINUTE_MS + 30_001, report(C, "Duration: 30000.00 ms\tBilled Duration: 30000 ms\t"
                        + "Memory Size: 512 MB\tMax Memory Used: 100 MB\tStatus: timeout") },
                new Object[] { "e5", MINUTE_MS + 40_000, report(D, "Duration: 800.50 ms\tBilled Duration: 801 ms\t"
                        + "Memory Size: 512 MB\tMax Memory Used: 512 MB\tStatus: error\tError Type: Runtime.OutOfMemory") },
                new Object[] { "e6", MINUTE_MS + 50_000, "2026-11-28T08:00:50.000Z\t" + B
                        + "\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\",\"errorMessage\":\"Cannot read "
                        + "properties of undefined (reading 'id')\",\"stack\":[\"TypeError: x\","
                        + "\"    at handler (/var/task/index.js:3:9)\"]}" },
                new Object[] { "e7", MINUTE_MS + 51_000, "START RequestId: " + B + " Version: 7" })),
                controlMessageRecord());
        assertThat(post(body).statusCode()).isEqualTo(200);

        assertThat(value(LambdaMetric.REPORTED_INVOCATIONS, Statistic.SUM)).isEqualTo(4);
        assertThat(value(LambdaMetric.COLD_STARTS, Statistic.SUM)).isEqualTo(1);
        assertThat(value(LambdaMetric.INIT_DURATION, Statistic.SUM)).isEqualTo(114.05);
        assertThat(value(LambdaMetric.INIT_DURATION, Statistic.MAXIMUM)).isEqualTo(114.05);
        assertThat(value(LambdaMetric.INIT_DURATION, Statistic.P99)).isEqualTo(114.05);
        assertThat(value(LambdaMetric.BILLED_DURATION, Statistic.SUM)).isEqualTo(117 + 103 + 30_000 + 801);
        assertThat(value(LambdaMetric.BILLED_GB_SECONDS, Statistic.SUM))
            .isCloseTo((117 + 103 + 30_000 + 801) / 1000.0 * 0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(value(LambdaMetric.MAX_MEMORY_USED, Statistic.MAXIMUM)).isEqualTo(512);
        assertThat(value(LambdaMetric.MEMORY_USED_SHARE, Statistic.MAXIMUM)).isEqualTo(100);
        assertThat(value(LambdaMetric.TIMEOUTS, Statistic.SUM)).isEqualTo(1); // the line and the report: one invocation
        assertThat(value(LambdaMetric.OUT_OF_MEMORY_KILLS, Statistic.SUM)).isEqualTo(1);
        assertThat(value(LambdaMetric.LOGGED_ERRORS, Statistic.SUM)).isEqualTo(2); // the timeout and the TypeError
        assertThat(count("log_report")).isEqualTo(4);
        assertThat(this.jdbc.sql("select error_type from log_error_group order by error_type").query(String.class)
            .list()).containsExactly("Sandbox.Timedout", "TypeError");
        assertThat(this.jdbc.sql("select distinct version from log_error_event").query(String.class).list())
            .containsExactly("7");
        long samples = this.queries.sampleCount();

        // Firehose delivers again what it did not see acknowledged
        assertThat(post(body).statusCode()).isEqualTo(200);
        assertThat(count("log_report")).isEqualTo(4);
        assertThat(count("log_error_event")).isEqualTo(2);
        assertThat(this.jdbc.sql("select sum(occurrences) from log_error_group").query(Long.class).single())
            .isEqualTo(2);
        assertThat(this.queries.sampleCount()).isEqualTo(samples);
        assertThat(value(LambdaMetric.REPORTED_INVOCATIONS, Statistic.SUM)).isEqualTo(4);
        assertThat(value(LambdaMetric.BILLED_DURATION, Statistic.SUM)).isEqualTo(117 + 103 + 30_000 + 801);
    }

    @Test
    void shouldAddUpAMinuteDeliveredInSeveralPartsAndInFirehosesDecompressedForm() throws Exception {
        assertThat(post(delivery("req-a", gzipRecord(dataMessage("/aws/lambda/orders", STREAM,
                new Object[] { "p1", MINUTE_MS, report(A, "Duration: 10 ms\tBilled Duration: 10 ms\t"
                        + "Memory Size: 512 MB\tMax Memory Used: 100 MB\tInit Duration: 300.0 ms") })))).statusCode())
            .isEqualTo(200);
        assertThat(post(delivery("req-b", plainRecord(dataMessage("/aws/lambda/orders", STREAM,
                new Object[] { "p2", MINUTE_MS + 59_999, report(B, "Duration: 20 ms\tBilled Duration: 20 ms\t"
                        + "Memory Size: 512 MB\tMax Memory Used: 256 MB\tInit Duration: 100.0 ms") })))).statusCode())
            .isEqualTo(200);
        assertThat(value(LambdaMetric.REPORTED_INVOCATIONS, Statistic.SUM)).isEqualTo(2);
        assertThat(value(LambdaMetric.COLD_STARTS, Statistic.SUM)).isEqualTo(2);
        assertThat(value(LambdaMetric.INIT_DURATION, Statistic.SUM)).isEqualTo(400);
        assertThat(value(LambdaMetric.INIT_DURATION, Statistic.MAXIMUM)).isEqualTo(300);
        assertThat(value(LambdaMetric.MEMORY_USED_SHARE, Statistic.MAXIMUM)).isEqualTo(50);
        assertThat(value(LambdaMetric.BILLED_DURATION, Statistic.SUM)).isEqualTo(30);
    }

    @Test
    void shouldMapAConfiguredLogGroupToItsFunction() throws Exception {
        assertThat(post(delivery("req-c", gzipRecord(dataMessage("/custom/app-logs", "2026/11/28/[$LATEST]ab",
                new Object[] { "c1", MINUTE_MS, "[ERROR] KeyError: 'order_id'\nTraceback (most recent call last):\n"
                        + "  File \"/var/task/app.py\", line 5, in handler\n    x = event['order_id']" }))))
            .statusCode()).isEqualTo(200);
        assertThat(this.jdbc.sql("select function_name from log_error_group").query(String.class).single())
            .isEqualTo("custom-logs");
    }

    @Test
    void shouldAcknowledgeAControlMessageAndStoreNothing() throws Exception {
        HttpResponse<String> answer = post(delivery("req-ctl", controlMessageRecord()));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"requestId\":\"req-ctl\"");
        assertThat(this.queries.sampleCount()).isZero();
    }

    @Test
    void shouldRefuseBadBase64BadGzipAndAForeignLogGroupAndStoreNothing() throws Exception {
        String good = gzipRecord(dataMessage("/aws/lambda/orders", STREAM, new Object[] { "g1", MINUTE_MS,
                report(A, "Duration: 1 ms\tBilled Duration: 1 ms\tMemory Size: 512 MB\tMax Memory Used: 60 MB") }));
        byte[] gzip = java.util.Base64.getDecoder().decode(good);
        String truncatedGzip = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(gzip, 20));
        String foreign = gzipRecord(dataMessage("/aws/lambda/not-monitored", STREAM, new Object[] { "f1", MINUTE_MS,
                report(B, "Duration: 1 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB") }));
        for (String[] bad : new String[][] { { "!!not base64!!", "not base64" }, { truncatedGzip, "not valid gzip" },
                { foreign, "belongs to no monitored function" }, { plainRecord("{not json"), "not JSON" } }) {
            HttpResponse<String> answer = post(delivery("req-bad", good, bad[0]));
            assertThat(answer.statusCode()).as(bad[1]).isEqualTo(400);
            assertThat(answer.body()).contains(bad[1]).contains("\"requestId\":\"req-bad\"");
        }
        assertThat(count("log_report")).isZero();
        assertThat(this.queries.sampleCount()).isZero();
    }

    @Test
    void shouldRefuseAWrongAccessKey() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port
                + LogSubscriptionEndpoint.PATH))
            .header("X-Amz-Firehose-Access-Key", "wrong-key-0123456789")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(delivery("req-k", controlMessageRecord())))
            .build();
        assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    private static String controlMessageRecord() {
        return gzipRecord(controlMessage());
    }

    private HttpResponse<String> post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port
                + LogSubscriptionEndpoint.PATH))
            .header("X-Amz-Firehose-Access-Key", KEY)
            .header("X-Amz-Firehose-Request-Id", "header-id")
            .header("X-Amz-Firehose-Common-Attributes", "{\"commonAttributes\":{\"region\":\"" + REGION + "\"}}")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private double value(LambdaMetric metric, Statistic statistic) {
        List<Point> points = this.queries.read(SeriesKey.ofFunction(ACCOUNT, REGION, "orders", metric, statistic),
                Instant.ofEpochMilli(MINUTE_MS), Instant.ofEpochMilli(MINUTE_MS + 60_000), 60).points();
        assertThat(points).as(metric + " " + statistic).hasSize(1);
        return points.get(0).value();
    }

    private long count(String table) {
        return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
