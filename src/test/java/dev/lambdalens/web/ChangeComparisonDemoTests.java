package dev.lambdalens.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import dev.lambdalens.insights.ChangeImpact;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo's deployment of 06:00 UTC, which doubled email-sender's memory: the function page lists it, marks it on
 * every chart and measures it, and its figures are those worked out here from the stored samples.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
class ChangeComparisonDemoTests {

    private static final String ACCOUNT = "123456789012";

    private static final Instant DEPLOYED = Instant.parse("2026-11-28T06:00:00Z");


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
    void shouldMeasureTheMemoryChangeAsWorkedOutFromTheStoredSamples() throws Exception {
        MvcResult result = this.mvc.perform(get("/functions/eu-west-1/email-sender")).andExpect(status().isOk())
            .andReturn();
        // at NOW (12:00:30) the minutes from 11:57 are still filling: each window is 5 h 57 min
        Instant settled = this.clock.instant().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MINUTES);
        Duration window = Duration.between(DEPLOYED, settled);
        Instant beforeFrom = DEPLOYED.minus(window);
        FunctionChanges.Panel panel = (FunctionChanges.Panel) result.getModelAndView().getModel().get("changes");
        ChangeImpact impact = panel.impact();
        assertThat(impact).isNotNull();
        assertThat(impact.change().at()).isEqualTo(DEPLOYED);
        assertThat(impact.before().from()).isEqualTo(beforeFrom);
        assertThat(impact.before().to()).isEqualTo(DEPLOYED);
        assertThat(impact.after().from()).isEqualTo(DEPLOYED);
        assertThat(impact.after().to()).isEqualTo(settled);

        Figures before = figures(beforeFrom, DEPLOYED, 256);
        Figures after = figures(DEPLOYED, settled, 512);
        assertSide(impact.before(), before);
        assertSide(impact.after(), after);
        // a doubled memory makes the work faster and each invocation dearer
        assertThat(after.p99).isLessThan(before.p99);
        assertThat(after.cost).isGreaterThan(before.cost);

        String headline = "p99 " + percent(after.p99 / before.p99 - 1) + ", cost per invocation "
                + percent(after.cost / before.cost - 1);
        assertThat(impact.headline()).isEqualTo(headline);
        String html = result.getResponse().getContentAsString();
        assertThat(html).contains(headline, "memory 256 MB → 512 MB; version 785 published",
                "memory 512 MB → 256 MB; version 784 published",
                window.toHours() + " h " + window.toMinutesPart() + " min before and after");
    }

    @Test
    void shouldMarkTheChangeOnEveryChartOfThePage() throws Exception {
        String html = this.mvc.perform(get("/functions/eu-west-1/email-sender")).andExpect(status().isOk())
            .andReturn().getResponse().getContentAsString();
        int charts = html.split("data-chart=", -1).length - 1;
        assertThat(charts).isGreaterThanOrEqualTo(4);
        // only the change inside the 24 h shown: the one of the day before is listed, not marked
        String mark = "&quot;marks&quot;:[{&quot;at&quot;:" + DEPLOYED.getEpochSecond()
                + ",&quot;label&quot;:&quot;memory 512 MB&quot;";
        assertThat(html.split(java.util.regex.Pattern.quote(mark), -1)).hasSize(charts + 1);
        // a function without changes marks none and says so
        String other = this.mvc.perform(get("/functions/eu-west-1/orders-api")).andReturn().getResponse()
            .getContentAsString();
        assertThat(other).contains("&quot;marks&quot;:[]", "No code or configuration change detected");
    }

    private void assertSide(ChangeImpact.Side side, Figures expected) {
        assertThat(side.invocations()).isEqualTo(expected.invocations);
        assertThat(side.errors()).isEqualTo(expected.errors);
        assertThat(side.throttles()).isEqualTo(expected.throttles);
        assertThat(side.averageMs()).isCloseTo(expected.average, within(1e-9));
        assertThat(side.highestP99Ms()).isEqualTo(expected.p99);
        assertThat(side.costPerInvocation()).isCloseTo(expected.cost, within(1e-18));
        assertThat(side.memoryMb()).isEqualTo(expected.memoryMb);
    }

    /** One window worked out from the stored minutes, priced at us-east-1's list prices for arm64. */
    private Figures figures(Instant from, Instant to, int memoryMb) {
        double invocations = sum(LambdaMetric.INVOCATIONS, Statistic.SUM, from, to);
        double durationSum = sum(LambdaMetric.DURATION, Statistic.SUM, from, to);
        double p99 = minutes(LambdaMetric.DURATION, Statistic.P99, from, to).stream().mapToDouble(Point::value).max()
            .orElseThrow();
        double average = durationSum / invocations;
        double cost = 0.20 / 1_000_000 + memoryMb / 1024.0 * average / 1000 * 0.0000133334;
        assertThat(minutes(LambdaMetric.INVOCATIONS, Statistic.SUM, from, to)).as("a minute of every window stored")
            .hasSize((int) ((to.getEpochSecond() - from.getEpochSecond()) / 60));
        return new Figures(invocations, sum(LambdaMetric.ERRORS, Statistic.SUM, from, to),
                sum(LambdaMetric.THROTTLES, Statistic.SUM, from, to), average, p99, cost, memoryMb);
    }

    private double sum(LambdaMetric metric, Statistic statistic, Instant from, Instant to) {
        return minutes(metric, statistic, from, to).stream().mapToDouble(Point::value).sum();
    }

    private List<Point> minutes(LambdaMetric metric, Statistic statistic, Instant from, Instant to) {
        return this.queries.read(SeriesKey.ofFunction(ACCOUNT, "eu-west-1", "email-sender", metric, statistic), from,
                to, 60).points();
    }

    private static String percent(double change) {
        long rounded = Math.round(change * 100);
        return (rounded == 0) ? "±0%" : String.format(Locale.ROOT, "%+d%%", rounded);
    }

    private record Figures(double invocations, double errors, double throttles, double average, double p99,
            double cost, int memoryMb) {
    }
}
