package dev.lambdalens.collector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.lambdalens.collector.source.MetricSource;
import dev.lambdalens.collector.source.SourceRegion;
import dev.lambdalens.collector.source.demo.DemoMetricSource;
import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
import dev.lambdalens.testing.ScriptedSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "lambdalens.collector.initial-backfill=2h", "lambdalens.collector.trailing-window=15m",
        "lambdalens.collector.function-interval=1m" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class CollectorCycleTests {

    static final Instant START = Instant.parse("2026-11-28T12:00:30Z");

    static final String ACCOUNT = "123456789012";

    static final SourceRegion US = new SourceRegion(ACCOUNT, "us-east-1");

    static final SourceRegion EU = new SourceRegion(ACCOUNT, "eu-west-1");

    @Autowired
    CollectionTrigger trigger;

    @Autowired
    MutableClock clock;

    @Autowired
    ScriptedSource source;

    @Autowired
    SeriesQueries queries;

    @Autowired
    Inventory inventory;

    @Autowired
    CollectorStatus status;

    @Autowired
    MeterRegistry meters;

    @Test
    void shouldRefetchTheTrailingWindowSoThatLateDatapointsLand() {
        this.trigger.runCycle();
        Instant lastMinute = START.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusSeconds(60);
        SeriesKey invocations = SeriesKey.ofFunction(ACCOUNT, "us-east-1", "orders-api", LambdaMetric.INVOCATIONS,
                Statistic.SUM);
        double early = stored(invocations, lastMinute);
        double settled = settled(US, invocations, lastMinute, lastMinute.plusSeconds(60)).get(0).value();
        assertThat(early).isLessThan(settled);

        for (int i = 0; i < 5; i++) {
            this.clock.advance(Duration.ofMinutes(1));
            this.trigger.runCycle();
        }
        assertThat(stored(invocations, lastMinute)).isEqualTo(settled);
        assertStoreMatchesSettledSource(US, START.minus(Duration.ofHours(2)), this.clock.instant().minus(Duration.ofMinutes(4)));
        assertStoreMatchesSettledSource(EU, START.minus(Duration.ofHours(2)), this.clock.instant().minus(Duration.ofMinutes(4)));
    }

    @Test
    void shouldCarryOnWithOtherRegionsWhenOneFailsAndFillItsGapOnceItRecovers() {
        this.trigger.runCycle();
        this.source.failRegion("us-east-1");
        for (int i = 0; i < 10; i++) {
            this.clock.advance(Duration.ofMinutes(1));
            assertThat(this.trigger.runCycle()).isEqualTo(1);
        }
        RegionStatus failing = statusOf("us-east-1");
        assertThat(failing.health()).isEqualTo(RegionStatus.Health.FAILING);
        assertThat(failing.lastError()).contains("Rate exceeded");
        assertThat(failing.watermark()).isEqualTo(START.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        assertThat(statusOf("eu-west-1").health()).isEqualTo(RegionStatus.Health.OK);
        assertThat(this.meters.counter("lambdalens.collector.failures", "account", ACCOUNT, "region", "us-east-1")
            .count()).isEqualTo(10);

        this.source.heal();
        this.clock.advance(Duration.ofMinutes(5));
        assertThat(this.trigger.runCycle()).isEqualTo(2);
        assertThat(statusOf("us-east-1").health()).isEqualTo(RegionStatus.Health.OK);
        // the ten minutes missed while failing are there, with their settled values
        assertStoreMatchesSettledSource(US, START.minus(Duration.ofHours(2)), this.clock.instant().minus(Duration.ofMinutes(4)));
    }

    @Test
    void shouldStoreNothingOfAMalformedAnswerAndKeepTheWatermark() {
        this.source.answerMalformed();
        this.trigger.runCycle();
        RegionStatus us = statusOf("us-east-1");
        assertThat(us.health()).isEqualTo(RegionStatus.Health.FAILING);
        assertThat(us.lastError()).contains("outside the minutes");
        assertThat(us.watermark()).isNull();
        assertThat(this.queries.sampleCount()).isZero();

        this.source.heal();
        this.clock.advance(Duration.ofMinutes(1));
        this.trigger.runCycle();
        assertThat(statusOf("us-east-1").health()).isEqualTo(RegionStatus.Health.OK);
        assertThat(this.queries.sampleCount()).isPositive();
    }

    @Test
    void shouldMarkAVanishedFunctionGoneAndKeepItsHistory() {
        this.trigger.runCycle();
        this.source.hideFunction("legacy-cron");
        this.clock.advance(Duration.ofMinutes(16));
        this.trigger.runCycle();
        FunctionSummary gone = this.inventory.functionsNamed("eu-west-1", "legacy-cron").get(0);
        assertThat(gone.state()).isEqualTo(FunctionState.GONE);
        SeriesKey invocations = SeriesKey.ofFunction(ACCOUNT, "eu-west-1", "legacy-cron", LambdaMetric.INVOCATIONS,
                Statistic.SUM);
        assertThat(this.queries.read(invocations, START.minus(Duration.ofHours(2)), START, 60).points()).isNotEmpty();
        assertThat(this.inventory.activeFunctions(ACCOUNT, "eu-west-1")).extracting(FunctionSummary::name)
            .doesNotContain("legacy-cron");
    }

    @Test
    void shouldBatchTheInitialBackfillWithinGetMetricDataLimits() {
        this.trigger.runCycle();
        // us-east-1: 6 account series, 11 functions x 8 series, the 2 Lambda Insights series of the 3 functions with
        // the extension, 13 their triggers make exist (clickstream-consumer's IteratorAge and, for its mapping's
        // failure destination, DestinationDeliveryFailures; refund-worker's RecursiveInvocationsDropped and its
        // mapping's 6 event counts; the 4 provisioned concurrency series of search-api:live), and the 8 series by
        // version of checkout-api's weighted alias prod (4 for each of versions 41 and 42), x 120 minutes: one call
        // per group and region
        assertThat(this.source.fetchCalls()).isEqualTo(4);
        assertThat(this.meters.counter("lambdalens.collector.source.series.requested", "account", ACCOUNT, "region",
                "us-east-1", "operation", "fetch").count()).isEqualTo(121);
        assertThat(this.meters.counter("lambdalens.collector.samples.written", "account", ACCOUNT, "region",
                "us-east-1").count()).isPositive();
    }

    private RegionStatus statusOf(String region) {
        return this.status.regions().stream().filter((r) -> r.region().equals(region)).findFirst().orElseThrow();
    }

    private double stored(SeriesKey key, Instant minute) {
        List<Point> points = this.queries.read(key, minute, minute.plusSeconds(60), 60).points();
        assertThat(points).hasSize(1);
        return points.get(0).value();
    }

    private static List<Point> settled(SourceRegion region, SeriesKey key, Instant from, Instant to) {
        DemoMetricSource later = new DemoMetricSource(new MutableClock(to.plus(Duration.ofDays(1))));
        return later.fetch(region, List.of(key), from, to).get(key);
    }

    private void assertStoreMatchesSettledSource(SourceRegion region, Instant from, Instant to) {
        Instant start = from.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Instant end = to.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        List<SeriesKey> series = SeriesPlan.forRegion(region.account(), region.region(),
                this.inventory.activeFunctions(region.account(), region.region()));
        Map<SeriesKey, List<Point>> expected = new DemoMetricSource(new MutableClock(end.plus(Duration.ofDays(1))))
            .fetch(region, series, start, end);
        for (SeriesKey key : series) {
            assertThat(this.queries.read(key, start, end, 60).points()).as(key.toString())
                .containsExactlyElementsOf(expected.getOrDefault(key, List.of()));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ScriptedSourceConfiguration {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }

        @Bean
        @Primary
        ScriptedSource scriptedSource(MutableClock clock) {
            return new ScriptedSource(new DemoMetricSource(clock));
        }
    }
}
