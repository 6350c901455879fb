package dev.lambdalens.logs;

import java.time.Instant;
import java.util.List;

import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static dev.lambdalens.logs.LogsFixtures.ACCOUNT;
import static dev.lambdalens.logs.LogsFixtures.MINUTE_MS;
import static dev.lambdalens.logs.LogsFixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The pages that show what the logs said: error groups, a group, the function page and the overview's table. */
@SpringBootTest(properties = "lambdalens.logs.samples-per-group=2")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogPagesTests {

    static final Instant NOW = Instant.ofEpochMilli(MINUTE_MS + 600_000);

    @Autowired
    MockMvc mvc;

    @Autowired
    LogIngest ingest;

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SeriesQueries queries;

    @BeforeAll
    void logs() {
        LogsFixtures.functions(this.inventory, NOW);
        String error = "2026-11-28T08:00:00.000Z\t%s\tERROR\tInvoke Error \t{\"errorType\":\"PaymentDeclined\","
                + "\"errorMessage\":\"card 4242 declined, token=sk_live_abcdefghijklmnop\",\"stack\":[\"PaymentDeclined: x\","
                + "\"    at charge (/var/task/pay.js:10:5)\"]}";
        this.ingest.ingest(List.of(new LogIngest.FunctionEvents(ACCOUNT, REGION, "orders", List.of(
                new LogEvent("r1", MINUTE_MS, LogsFixtures.report("a", "Duration: 5 ms\tBilled Duration: 105 ms\t"
                        + "Memory Size: 512 MB\tMax Memory Used: 480 MB\tInit Duration: 99.5 ms"), "7"),
                new LogEvent("r2", MINUTE_MS + 1, LogsFixtures.report("b", "Duration: 5 ms\tBilled Duration: 5 ms\t"
                        + "Memory Size: 512 MB\tMax Memory Used: 300 MB"), "7"),
                new LogEvent("e1", MINUTE_MS + 2, error.formatted("11111111-2222-4333-8444-555555555555"), "7"),
                new LogEvent("e2", MINUTE_MS + 3, error.formatted("21111111-2222-4333-8444-555555555555"), "8"),
                new LogEvent("e3", MINUTE_MS + 4, error.formatted("31111111-2222-4333-8444-555555555555"), "8")))));
    }

    @Test
    void shouldListTheErrorGroupsAndShowOneWithItsVersionsAndRedactedSamples() throws Exception {
        this.mvc.perform(get("/errors"))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("PaymentDeclined"), containsString("charge (/var/task/pay.js)"),
                    containsString("card &lt;n&gt; declined"))));
        long id = this.jdbc.sql("select id from log_error_group").query(Long.class).single();
        this.mvc.perform(get("/errors/" + id))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("7: 1"), containsString("8: 2"),
                    containsString("11111111-2222-4333-8444-555555555555"), containsString("[redacted]"),
                    not(containsString("sk_live_abcdefghijklmnop")),
                    not(containsString("31111111-2222-4333-8444-555555555555")))));
        this.mvc.perform(get("/errors/999999")).andExpect(status().isNotFound());
    }

    @Test
    void shouldShowTheGroupsAndLogChartsOnTheFunctionPage() throws Exception {
        this.mvc.perform(get("/functions/" + REGION + "/orders").param("account", ACCOUNT))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("function-error-groups"),
                    containsString("PaymentDeclined"), containsString("Cold starts (REPORT lines)"),
                    containsString("Max memory used (REPORT lines)"))));
    }

    @Test
    void shouldShowColdStartRateAndMemoryShareInTheOverview() throws Exception {
        // one cold start in two reported invocations; 480 of 512 MB
        this.mvc.perform(get("/"))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("Cold starts"), containsString("50.0%"),
                    containsString("93.8%"))));
    }

    @Test
    void shouldShowTheLogsInsightsBillNextToTheCloudWatchFees() throws Exception {
        this.mvc.perform(get("/costs"))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("Logs Insights fees"),
                    containsString("the Logs Insights pull is off"))));
    }

    @Test
    void shouldCountNewErrorGroupsAndTheBusiestGroupPerMinuteForRulesToWatch() throws Exception {
        assertThat(value(LambdaMetric.NEW_ERROR_GROUPS, Statistic.SUM)).isEqualTo(1);
        assertThat(value(LambdaMetric.ERROR_GROUP_PEAK, Statistic.MAXIMUM)).isEqualTo(3);
        // the rule kinds "a new error group appears" and "an error group's rate rises"
        for (String rule : new String[] { "\"metric\": \"NewErrorGroups\", \"statistic\": \"Sum\", \"threshold\": 0",
                "\"metric\": \"ErrorGroupPeak\", \"statistic\": \"Maximum\", \"threshold\": 20" }) {
            this.mvc.perform(post("/api/v1/alert-rules").contentType(MediaType.APPLICATION_JSON).content("""
                    {"name": "errors", "signal": "METRIC", %s, "comparison": "GREATER_THAN_THRESHOLD",
                     "periodSeconds": 300, "evaluationPeriods": 1, "datapointsToAlarm": 1}""".formatted(rule)))
                .andExpect(status().isCreated());
        }
    }

    private double value(LambdaMetric metric, Statistic statistic) {
        List<Point> points = this.queries.read(SeriesKey.ofFunction(ACCOUNT, REGION, "orders", metric, statistic),
                Instant.ofEpochMilli(MINUTE_MS), Instant.ofEpochMilli(MINUTE_MS + 60_000), 60).points();
        assertThat(points).hasSize(1);
        return points.get(0).value();
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
