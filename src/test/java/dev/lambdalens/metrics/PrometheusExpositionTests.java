package dev.lambdalens.metrics;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.DemoDataConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The stored Lambda metrics as Prometheus scrapes them: each series' latest minute, labelled and time-stamped.
 */
@SpringBootTest(properties = "lambdalens.prometheus.enabled=true")
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
class PrometheusExpositionTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    DemoData demoData;

    @Autowired
    SeriesQueries queries;

    @BeforeEach
    void collect() {
        this.demoData.collectOnce();
    }

    @Test
    void exposesEachSeriesLatestMinuteWithAccountRegionAndFunctionLabels() throws Exception {
        String text = this.mvc.perform(get("/api/v1/prometheus"))
            .andExpect(status().isOk())
            .andReturn().getResponse().getContentAsString();
        assertThat(text).contains("# TYPE lambdalens_lambda_invocations_sum gauge",
                "# TYPE lambdalens_lambda_concurrent_executions_maximum gauge",
                "# TYPE lambdalens_lambda_duration_p99 gauge");
        Matcher line = Pattern.compile("lambdalens_lambda_invocations_sum\\{account=\"123456789012\","
                + "function_name=\"orders-api\",region=\"us-east-1\"} (\\S+) (\\d+)").matcher(text);
        assertThat(line.find()).as(text.substring(0, Math.min(2000, text.length()))).isTrue();
        long minute = Long.parseLong(line.group(2)) / 1000;
        List<Point> stored = this.queries.read(SeriesKey.ofFunction("123456789012", "us-east-1", "orders-api",
                LambdaMetric.INVOCATIONS, Statistic.SUM), Instant.ofEpochSecond(minute),
                Instant.ofEpochSecond(minute + 60), 60).points();
        assertThat(Double.parseDouble(line.group(1))).isEqualTo(stored.get(0).value());
        // the account level has no function label
        assertThat(text).containsPattern("lambdalens_lambda_claimed_account_concurrency_maximum\\{account=\"123456789012\","
                + "region=\"eu-west-1\"} ");
    }

    @Test
    void namesFollowPrometheusConventions() {
        assertThat(PrometheusExposition.name("ConcurrentExecutions", "Maximum"))
            .isEqualTo("lambdalens_lambda_concurrent_executions_maximum");
        assertThat(PrometheusExposition.name("used_memory_max", "Maximum"))
            .isEqualTo("lambdalens_lambda_used_memory_max_maximum");
    }
}
