package dev.lambdalens.logs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.lambdalens.logs.LogsFixtures.ACCOUNT;
import static dev.lambdalens.logs.LogsFixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The pull path through the real CloudWatch Logs SDK client against an in-process stub of its awsJson1_1 protocol.
 * Each query names one log group (so that three functions make three queries), at most three run at once, and an
 * answer is cut at six rows.
 */
@SpringBootTest(properties = { "lambdalens.logs.insights.poll-interval=5ms",
        "lambdalens.logs.insights.max-log-groups-per-query=1", "lambdalens.logs.insights.max-concurrent-queries=3",
        "lambdalens.logs.insights.rows-per-query=6", "lambdalens.logs.insights.interval=10m",
        "lambdalens.logs.insights.settle-delay=0s", "lambdalens.aws.access-key-id=test",
        "lambdalens.aws.secret-access-key=test" })
class InsightsPullTests {

    static final Instant NOW = Instant.parse("2026-11-28T08:10:00Z");

    static final long T0 = NOW.getEpochSecond() - 600;

    static final String REQUEST_1 = "1b8e4c2a-0f3d-4a61-9d7e-5c2b8a9f0e11";

    static final String REQUEST_2 = "2c9f5d3b-1a4e-4b72-8e8f-6d3c9b0a1f22";

    static final String REQUEST_3 = "3d0a6e4c-2b5f-4c83-9f90-7e4d0c1b2a33";

    static final LogsInsightsStub STUB = start();

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("lambdalens.aws.endpoint", () -> STUB.endpoint().toString());
    }

    @Autowired
    InsightsPull pull;

    @Autowired
    InsightsUsage usage;

    @Autowired
    ErrorGroups errorGroups;

    @Autowired
    Inventory inventory;

    @Autowired
    SeriesQueries queries;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void reset() {
        STUB.reset();
        this.clock.set(NOW);
        LogsFixtures.functions(this.inventory, NOW);
        for (String table : List.of("log_insights_usage", "log_insights_watermark", "metric_sample")) {
            this.jdbc.sql("delete from " + table).update();
        }
    }

    @AfterAll
    static void stop() {
        STUB.close();
    }

    @Test
    void shouldStoreThePerMinuteFiguresOfTheQueryThroughScheduledRunningAndComplete() {
        STUB.put("/aws/lambda/orders", T0, row(12, 2, "230.5", "150.25", "140.0", 268_435_456L, "0.5", 3_400,
                3_400L * 536_870_912, 1, 0));
        STUB.put("/aws/lambda/orders", T0 + 60, row(8, 0, "", "", "", 134_217_728L, "0.25", 800, 800L * 536_870_912, 0,
                1));
        InsightsPull.Outcome outcome = this.pull.pull(ACCOUNT, REGION, functions("orders"));
        // the REPORT query, and the error lines' query over the same window
        assertThat(outcome.completed()).isEqualTo(2);
        assertThat(STUB.statusesServed).containsExactly("Scheduled", "Scheduled", "Running", "Running", "Complete",
                "Complete");
        JsonStartQuery start = new JsonStartQuery(STUB.startQueries.get(0));
        assertThat(start.logGroups()).containsExactly("/aws/lambda/orders");
        assertThat(start.startTime()).isEqualTo(T0);
        assertThat(start.endTime()).isEqualTo(NOW.getEpochSecond() - 1);
        assertThat(start.query()).contains("filter @type = \"REPORT\"").contains("by bin(1m) as minute, @log");

        assertThat(value("orders", LambdaMetric.REPORTED_INVOCATIONS, Statistic.SUM, T0)).isEqualTo(12);
        assertThat(value("orders", LambdaMetric.COLD_STARTS, Statistic.SUM, T0)).isEqualTo(2);
        assertThat(value("orders", LambdaMetric.INIT_DURATION, Statistic.SUM, T0)).isEqualTo(230.5);
        assertThat(value("orders", LambdaMetric.INIT_DURATION, Statistic.MAXIMUM, T0)).isEqualTo(150.25);
        assertThat(value("orders", LambdaMetric.INIT_DURATION, Statistic.P99, T0)).isEqualTo(140);
        assertThat(value("orders", LambdaMetric.MAX_MEMORY_USED, Statistic.MAXIMUM, T0)).isEqualTo(256);
        assertThat(value("orders", LambdaMetric.MEMORY_USED_SHARE, Statistic.MAXIMUM, T0)).isEqualTo(50);
        assertThat(value("orders", LambdaMetric.BILLED_DURATION, Statistic.SUM, T0)).isEqualTo(3_400);
        assertThat(value("orders", LambdaMetric.BILLED_GB_SECONDS, Statistic.SUM, T0)).isCloseTo(1.7, within(1e-9));
        assertThat(value("orders", LambdaMetric.TIMEOUTS, Statistic.SUM, T0)).isEqualTo(1);
        assertThat(value("orders", LambdaMetric.OUT_OF_MEMORY_KILLS, Statistic.SUM, T0 + 60)).isEqualTo(1);
        assertThat(points("orders", LambdaMetric.INIT_DURATION, Statistic.MAXIMUM, T0 + 60)).isEmpty();
        assertThat(this.usage.bytesScannedThisMonth()).isEqualTo(2_000_000);
        assertThat(this.usage.queriesThisMonth()).isEqualTo(2);

        // the next run asks only for the minutes since
        this.clock.set(NOW.plusSeconds(120));
        this.pull.pull(ACCOUNT, REGION, functions("orders"));
        assertThat(new JsonStartQuery(STUB.startQueries.get(2)).startTime()).isEqualTo(NOW.getEpochSecond());
        assertThat(new JsonStartQuery(STUB.startQueries.get(3)).startTime()).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void shouldFeedTheErrorGroupsFromTheErrorLinesOfTheSecondQuery() {
        this.jdbc.sql("delete from log_error_group").update();
        String stream = "2026/11/28/[7]0a1b2c3d";
        long at = T0 * 1000;
        STUB.putErrorLine("/aws/lambda/orders", at + 1_500, "2026-11-28T08:00:01.500Z\t" + REQUEST_1
                + "\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\",\"errorMessage\":\"Cannot read properties "
                + "of undefined (reading 'id')\",\"stack\":[\"TypeError: Cannot read properties of undefined "
                + "(reading 'id')\",\"    at handler (/var/task/index.js:12:20)\"]}", stream);
        STUB.putErrorLine("/aws/lambda/orders", at + 61_000, "2026-11-28T08:01:01.000Z\t" + REQUEST_2
                + "\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\",\"errorMessage\":\"Cannot read properties "
                + "of undefined (reading 'id')\",\"stack\":[\"TypeError: Cannot read properties of undefined "
                + "(reading 'id')\",\"    at handler (/var/task/index.js:12:20)\"]}", stream);
        STUB.putErrorLine("/aws/lambda/orders", at + 62_000, "2026-11-28T08:01:02.000Z " + REQUEST_3
                + " Task timed out after 3.00 seconds", stream);
        STUB.put("/aws/lambda/orders", T0, row(5, 0, "", "", "", 134_217_728L, "0.25", 500, 500L * 536_870_912, 0,
                0));
        InsightsPull.Outcome outcome = this.pull.pull(ACCOUNT, REGION, functions("orders"));
        assertThat(outcome.completed()).isEqualTo(2);
        JsonStartQuery errors = new JsonStartQuery(STUB.startQueries.get(1));
        assertThat(errors.query()).startsWith("fields @timestamp, @message")
            .contains("filter @message not like /^REPORT RequestId/");
        assertThat(errors.startTime()).isEqualTo(T0);

        List<ErrorGroup> groups = this.errorGroups.groups(ACCOUNT, REGION, "orders", 10);
        assertThat(groups).extracting(ErrorGroup::type).containsExactlyInAnyOrder("TypeError",
                LogLine.Error.TIMEOUT);
        ErrorGroup typeError = groups.stream().filter((g) -> g.type().equals("TypeError")).findFirst()
            .orElseThrow();
        assertThat(typeError.occurrences()).isEqualTo(2);
        assertThat(typeError.topFrame()).contains("index.js");
        assertThat(this.errorGroups.versions(typeError.id())).containsExactly(Map.entry("7", 2L));
        assertThat(this.errorGroups.samples(typeError.id())).extracting(ErrorSample::requestId)
            .containsExactly(REQUEST_1, REQUEST_2);
        assertThat(value("orders", LambdaMetric.LOGGED_ERRORS, Statistic.SUM, T0)).isEqualTo(1);
        assertThat(value("orders", LambdaMetric.LOGGED_ERRORS, Statistic.SUM, T0 + 60)).isEqualTo(2);
        assertThat(value("orders", LambdaMetric.NEW_ERROR_GROUPS, Statistic.SUM, T0)).isEqualTo(1);
        assertThat(value("orders", LambdaMetric.NEW_ERROR_GROUPS, Statistic.SUM, T0 + 60)).isEqualTo(1);
        // the error lines leave the REPORT query's figures of the same minute as they were
        assertThat(value("orders", LambdaMetric.REPORTED_INVOCATIONS, Statistic.SUM, T0)).isEqualTo(5);

        // the same window asked again (its watermark reset) stores each error once
        this.jdbc.sql("delete from log_insights_watermark").update();
        this.pull.pull(ACCOUNT, REGION, functions("orders"));
        assertThat(this.errorGroups.group(typeError.id()).orElseThrow().occurrences()).isEqualTo(2);
        assertThat(value("orders", LambdaMetric.LOGGED_ERRORS, Statistic.SUM, T0 + 60)).isEqualTo(2);
    }

    @Test
    void shouldAskAgainInHalvesWhenAnAnswerReachesTheRowLimit() {
        for (int m = 0; m < 10; m++) {
            STUB.put("/aws/lambda/billing", T0 + m * 60L, row(m + 1, 0, "", "", "", 1_048_576L, "0.1", 10, 10,
                    0, 0));
        }
        InsightsPull.Outcome outcome = this.pull.pull(ACCOUNT, REGION, functions("billing"));
        assertThat(outcome.rows()).isEqualTo(10);
        assertThat(outcome.queries()).isEqualTo(4); // 10 minutes cut at 6 rows, then 5 and 5; and the errors
        for (int m = 0; m < 10; m++) {
            assertThat(value("billing", LambdaMetric.REPORTED_INVOCATIONS, Statistic.SUM, T0 + m * 60L)).isEqualTo(m + 1);
        }
    }

    @Test
    void shouldWaitForItsOwnQueriesWhenTheAccountsLimitIsExceeded() {
        STUB.accountLimit = 2;
        for (String f : List.of("orders", "billing", "custom-logs")) {
            STUB.put(f.equals("custom-logs") ? "/aws/lambda/custom-logs" : "/aws/lambda/" + f, T0,
                    row(3, 1, "100", "100", "100", 1_048_576L, "0.1", 300, 300, 0, 0));
        }
        InsightsPull.Outcome outcome = this.pull.pull(ACCOUNT, REGION, functions("orders", "billing", "custom-logs"));
        assertThat(outcome.limitExceeded()).isGreaterThanOrEqualTo(1);
        assertThat(outcome.completed()).isEqualTo(6);
        assertThat(STUB.maxRunning).isEqualTo(2);
        for (String f : List.of("orders", "billing", "custom-logs")) {
            assertThat(value(f, LambdaMetric.COLD_STARTS, Statistic.SUM, T0)).isEqualTo(1);
        }
    }

    @Test
    void shouldStartNoQueryOnceTheMonthlyCapIsReached() {
        // $5 at $0.005 per GB: 1,000 GB
        this.jdbc.sql("insert into log_insights_usage (account_id, region, usage_month, queries, bytes_scanned) "
                + "values (?, ?, '2026-11', 1, ?)").params(ACCOUNT, REGION, 1000L * 1024 * 1024 * 1024).update();
        assertThat(this.usage.monthToDateUsd()).isEqualByComparingTo("5.0000");
        InsightsPull.Outcome outcome = this.pull.pull(ACCOUNT, REGION, functions("orders"));
        assertThat(outcome.capReached()).isTrue();
        assertThat(STUB.startQueries).isEmpty();
    }

    private List<FunctionSummary> functions(String... names) {
        return this.inventory.activeFunctions(ACCOUNT, REGION)
            .stream()
            .filter((f) -> List.of(names).contains(f.name()))
            .toList();
    }

    private static Map<String, String> row(long invocations, long cold, String initSum, String initMax, String initP99,
            long maxMemoryBytes, String share, long billedMs, long billedMsBytes, long timeouts, long oom) {
        Map<String, String> row = new java.util.LinkedHashMap<>();
        row.put("invocations", String.valueOf(invocations));
        row.put("coldStarts", String.valueOf(cold));
        if (!initSum.isEmpty()) {
            row.put("initSum", initSum);
            row.put("initMax", initMax);
            row.put("initP99", initP99);
        }
        row.put("maxMemory", String.valueOf(maxMemoryBytes));
        row.put("memoryShare", share);
        row.put("billedMs", String.valueOf(billedMs));
        row.put("billedMsBytes", String.valueOf(billedMsBytes));
        row.put("timeouts", String.valueOf(timeouts));
        row.put("oom", String.valueOf(oom));
        return row;
    }

    private double value(String function, LambdaMetric metric, Statistic statistic, long minute) {
        List<Point> points = points(function, metric, statistic, minute);
        assertThat(points).as(function + " " + metric + " " + statistic).hasSize(1);
        return points.get(0).value();
    }

    private List<Point> points(String function, LambdaMetric metric, Statistic statistic, long minute) {
        return this.queries.read(SeriesKey.ofFunction(ACCOUNT, REGION, function, metric, statistic),
                Instant.ofEpochSecond(minute), Instant.ofEpochSecond(minute + 60), 60).points();
    }

    private static LogsInsightsStub start() {
        try {
            return new LogsInsightsStub();
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** What the SDK sent in a StartQuery. */
    record JsonStartQuery(tools.jackson.databind.JsonNode body) {

        List<String> logGroups() {
            List<String> groups = new java.util.ArrayList<>();
            this.body.path("logGroupNames").forEach((g) -> groups.add(g.asString()));
            return groups;
        }

        long startTime() {
            return this.body.path("startTime").asLong();
        }

        long endTime() {
            return this.body.path("endTime").asLong();
        }

        String query() {
            return this.body.path("queryString").asString();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(NOW);
        }
    }
}
