package dev.lambdalens.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.lambdalens.insights.VersionComparison;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.DemoDataConfiguration;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo's checkout-api rolls version 42 out to a tenth of its alias prod's traffic while 41 serves the rest: the
 * function page compares the two from the metrics by executed version, and its figures are those worked out here from
 * the stored minutes, which add up to the function's own.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
class RolloutComparisonDemoTests {

    private static final String ACCOUNT = "123456789012";

    private static final String REGION = "us-east-1";

    @Autowired
    MockMvc mvc;

    @Autowired
    DemoData demoData;

    @Autowired
    SeriesQueries queries;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void collect() {
        this.demoData.collectOnce();
    }

    @Test
    void shouldCompareTheVersionsBehindTheWeightedAliasAsWorkedOutFromTheStoredMinutes() throws Exception {
        MvcResult result = this.mvc.perform(get("/functions/us-east-1/checkout-api")).andExpect(status().isOk())
            .andReturn();
        @SuppressWarnings("unchecked")
        List<RolloutPanel.Rollout> rollouts = (List<RolloutPanel.Rollout>) result.getModelAndView().getModel()
            .get("rollouts");
        assertThat(rollouts).hasSize(1);
        VersionComparison comparison = rollouts.get(0).comparison();
        assertThat(comparison.alias()).isEqualTo("prod");
        assertThat(comparison.versions()).extracting(VersionComparison.Version::version).containsExactly("41", "42");
        assertThat(comparison.versions()).extracting(VersionComparison.Version::weight)
            .containsExactly(0.9, 0.1);

        Instant to = this.clock.instant();
        Instant from = to.minus(java.time.Duration.ofHours(24));
        VersionComparison.Version stable = comparison.stable();
        VersionComparison.Version canary = comparison.candidates().get(0);
        assertVersion(stable, "prod:41", from, to);
        assertVersion(canary, "prod:42", from, to);

        // every invocation through the alias ran one of its versions: together they are the function's figures
        assertThat(stable.invocations() + canary.invocations()).isEqualTo(functionSum(LambdaMetric.INVOCATIONS, from,
                to));
        assertThat(stable.errors() + canary.errors()).isEqualTo(functionSum(LambdaMetric.ERRORS, from, to));
        assertThat(stable.invocations()).isGreaterThan(100_000);
        assertThat(canary.share(comparison)).isCloseTo(0.1, within(0.005));
        // the canary is the worse version: more errors for its traffic, slower
        assertThat(canary.errorRate()).isGreaterThan(2 * stable.errorRate());
        assertThat(canary.averageMs()).isGreaterThan(stable.averageMs());

        String verdict = String.format(Locale.ROOT, "version 42 against 41: error rate %.2f%% vs %.2f%%, average %s, p99 %s",
                100 * canary.errors() / canary.invocations(), 100 * stable.errors() / stable.invocations(),
                percent(canary.averageMs() / stable.averageMs() - 1),
                percent(canary.highestP99Ms() / stable.highestP99Ms() - 1));
        assertThat(comparison.verdicts()).containsExactly(verdict);
        String html = result.getResponse().getContentAsString();
        assertThat(html).contains("id=\"function-rollouts\"", verdict, "data-version=\"41\"", "data-version=\"42\"",
                "41 (alias version)");
        // a chart per figure, each with a line per version
        assertThat(html.split("checkout-api:prod:42", -1)).hasSize(3 + 1);
    }

    @Test
    void shouldAnswerTheComparisonInTheApiAndRefuseAnUnreadableRange() throws Exception {
        this.mvc.perform(get("/api/v1/functions/us-east-1/checkout-api/rollouts?hours=6"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[0].alias").value("prod"))
            .andExpect(jsonPath("$[0].versions[0].version").value("41"))
            .andExpect(jsonPath("$[0].versions[0].weight").value(0.9))
            .andExpect(jsonPath("$[0].versions[1].version").value("42"))
            .andExpect(jsonPath("$[0].versions[1].invocations").value(sum("prod:42", LambdaMetric.VERSION_INVOCATIONS,
                    Statistic.SUM, this.clock.instant().minus(java.time.Duration.ofHours(6)), this.clock.instant())))
            .andExpect(jsonPath("$[0].to").value(this.clock.instant().toString()));
        this.mvc.perform(get("/api/v1/functions/us-east-1/search-api/rollouts"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$").isEmpty());
        for (String bad : new String[] { "0", "721", "a day", "1.5" }) {
            this.mvc.perform(get("/api/v1/functions/us-east-1/checkout-api/rollouts").param("hours", bad))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("hours must be")));
        }
    }

    @Test
    void shouldShowNoRolloutForAnAliasThatRunsOneVersion() throws Exception {
        // search-api's alias live points at version 7 alone: nothing is fetched by version, nothing shown
        String html = this.mvc.perform(get("/functions/us-east-1/search-api")).andExpect(status().isOk()).andReturn()
            .getResponse().getContentAsString();
        assertThat(html).doesNotContain("function-rollouts");
        assertThat(this.queries.exists(SeriesKey.ofQualified(ACCOUNT, REGION, "search-api", "live:7",
                LambdaMetric.VERSION_INVOCATIONS, Statistic.SUM))).isFalse();
    }

    private void assertVersion(VersionComparison.Version version, String qualifier, Instant from, Instant to) {
        double invocations = sum(qualifier, LambdaMetric.VERSION_INVOCATIONS, Statistic.SUM, from, to);
        assertThat(version.invocations()).isEqualTo(invocations);
        assertThat(version.errors()).isEqualTo(sum(qualifier, LambdaMetric.VERSION_ERRORS, Statistic.SUM, from, to));
        assertThat(version.averageMs()).isCloseTo(
                sum(qualifier, LambdaMetric.VERSION_DURATION, Statistic.SUM, from, to) / invocations, within(1e-9));
        assertThat(version.highestP99Ms()).isEqualTo(minutes(qualifier, LambdaMetric.VERSION_DURATION, Statistic.P99,
                from, to).stream().mapToDouble(Point::value).max().orElseThrow());
        assertThat(minutes(qualifier, LambdaMetric.VERSION_INVOCATIONS, Statistic.SUM, from, to))
            .as("a minute of every hour stored").hasSizeGreaterThan(23 * 60);
    }

    private double functionSum(LambdaMetric metric, Instant from, Instant to) {
        return this.queries.read(SeriesKey.ofFunction(ACCOUNT, REGION, "checkout-api", metric, Statistic.SUM), from,
                to, 60).points().stream().mapToDouble(Point::value).sum();
    }

    private double sum(String qualifier, LambdaMetric metric, Statistic statistic, Instant from, Instant to) {
        return minutes(qualifier, metric, statistic, from, to).stream().mapToDouble(Point::value).sum();
    }

    private List<Point> minutes(String qualifier, LambdaMetric metric, Statistic statistic, Instant from, Instant to) {
        return this.queries.read(SeriesKey.ofQualified(ACCOUNT, REGION, "checkout-api", qualifier, metric, statistic),
                from, to, 60).points();
    }

    private static String percent(double change) {
        long rounded = Math.round(change * 100);
        return (rounded == 0) ? "±0%" : String.format(Locale.ROOT, "%+d%%", rounded);
    }
}
