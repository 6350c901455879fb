package dev.lambdalens.insights;

import java.time.Duration;
import java.util.List;

import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Insights on the demo account: the throttling functions and the near-timeout function come first.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
class InsightsDemoTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    DemoData demoData;

    @Autowired
    Insights insights;

    @Autowired
    SeriesQueries queries;

    @BeforeEach
    void collect() {
        this.demoData.collectOnce();
    }

    @Test
    void theThrottlingAndTheNearTimeoutFunctionsComeFirst() {
        List<Recommendation> found = this.insights.recommendations(Duration.ofDays(14)).recommendations();
        List<String> top = found.subList(0, 3).stream().map((r) -> r.function() + ":" + r.kind()).toList();
        assertThat(top).containsExactlyInAnyOrder("image-resizer:RAISE_RESERVED_CONCURRENCY",
                "thumbnailer:RAISE_RESERVED_CONCURRENCY", "pdf-renderer:NEAR_TIMEOUT");
        assertThat(found.subList(0, 3)).allSatisfy((r) -> assertThat(r.priority()).isEqualTo(Recommendation.Priority.HIGH));
    }

    @Test
    void recommendsMemoryOnlyWhereLambdaInsightsDataWasCollected() {
        SeriesKey pdf = SeriesKey.ofFunction("123456789012", "us-east-1", "pdf-renderer", LambdaMetric.USED_MEMORY_MAX,
                Statistic.MAXIMUM);
        SeriesKey orders = SeriesKey.ofFunction("123456789012", "us-east-1", "orders-api", LambdaMetric.USED_MEMORY_MAX,
                Statistic.MAXIMUM);
        assertThat(this.queries.exists(pdf)).isTrue();
        assertThat(this.queries.exists(orders)).isFalse();
        Insights.Report report = this.insights.recommendations(Duration.ofDays(14));
        assertThat(report.recommendations()).filteredOn((r) -> r.kind() == Recommendation.Kind.RIGHT_SIZE_MEMORY)
            .extracting(Recommendation::function)
            .containsExactlyInAnyOrder("checkout-api", "nightly-report");
        assertThat(report.recommendations()).filteredOn((r) -> r.kind() == Recommendation.Kind.RIGHT_SIZE_MEMORY)
            .allSatisfy((r) -> assertThat(r.monthlySaving()).isPositive());
        assertThat(report.recommendations()).filteredOn((r) -> r.kind() == Recommendation.Kind.RAISE_MEMORY)
            .extracting(Recommendation::function)
            .containsExactly("pdf-renderer");
        assertThat(report.withoutInsights()).contains("us-east-1/orders-api").doesNotContain("us-east-1/pdf-renderer");
    }

    @Test
    void servesInsightsAndHeadroomOverTheApi() throws Exception {
        this.mvc.perform(get("/api/v1/insights"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.recommendations[0].priority").value("HIGH"))
            .andExpect(jsonPath("$.recommendations[0].evidence[0].label").value(containsString("Throttles")));
        this.mvc.perform(get("/api/v1/insights").param("days", "40")).andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("days"));
        this.mvc.perform(get("/api/v1/headroom"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.regions[?(@.region == 'us-east-1')].concurrencyLimit", hasItem(1000)))
            .andExpect(jsonPath("$.regions[?(@.region == 'us-east-1')].peakClaimed", hasItem(org.hamcrest.Matchers.greaterThan(0.0))))
            .andExpect(jsonPath("$.functions[?(@.function.name == 'image-resizer')].throttles",
                    hasItem(org.hamcrest.Matchers.greaterThan(0.0))));
        this.mvc.perform(get("/api/v1/headroom").param("from", "2026-11-28T00:00:00Z").param("to", "2026-11-27T00:00:00Z"))
            .andExpect(status().isBadRequest());
        this.mvc.perform(get("/api/v1/headroom").param("from", "yesterday")).andExpect(status().isBadRequest());
    }

    @Test
    void thePageRanksByImpactAndTurnsASuggestionIntoARuleWithOneClick() throws Exception {
        String page = this.mvc.perform(get("/insights")).andExpect(status().isOk()).andReturn().getResponse()
            .getContentAsString();
        int throttled = page.indexOf("image-resizer was throttled");
        int lowerTimeout = page.indexOf("timeout is");
        assertThat(throttled).isPositive();
        assertThat(lowerTimeout).isGreaterThan(throttled);
        this.mvc.perform(post("/insights/alert-rules").param("name", "image-resizer above 90% of its reserved concurrency")
            .param("signal", "RESERVED_CONCURRENCY_SHARE").param("threshold", "90").param("scope", "FUNCTION")
            .param("scopeValue", "image-resizer").param("account", "123456789012").param("region", "us-east-1"))
            .andExpect(status().is3xxRedirection())
            .andExpect(redirectedUrlPattern("/alerts/rules/*/edit"));
        this.mvc.perform(get("/api/v1/alert-rules"))
            .andExpect(jsonPath("$[*].name", hasItem("image-resizer above 90% of its reserved concurrency")));
        this.mvc.perform(post("/insights/alert-rules").param("name", "x").param("signal", "METRIC")
            .param("threshold", "90").param("scope", "ALL"))
            .andExpect(status().isBadRequest());
    }

    @Test
    void theFunctionPageShowsItsHeadroom() throws Exception {
        this.mvc.perform(get("/functions/us-east-1/pdf-renderer"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("% of the timeout")))
            .andExpect(content().string(containsString("MB of 1536 MB")))
            .andExpect(content().string(containsString("Memory used (Lambda Insights)")));
        this.mvc.perform(get("/functions/us-east-1/orders-api"))
            .andExpect(content().string(containsString("no Lambda Insights data for this function")));
    }
}
