package dev.lambdalens.logs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.cost.CostGrouping;
import dev.lambdalens.cost.CostLedger;
import dev.lambdalens.cost.CostLine;
import dev.lambdalens.cost.CostReport;
import dev.lambdalens.cost.CostReports;
import dev.lambdalens.cost.Usage;
import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SampleStore;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The ledger against a bill computed by hand, from billed durations with INIT phases where REPORT lines covered every
 * invocation, and from Sum(Duration) where they did not. The free tier is off so that every GB-s is paid.
 *
 * <pre>
 * covered (512 MB), 2 Nov 00:00-00:59, every minute 3 invocations, all reported:
 *   cold  Duration 2.26 ms,  Init 114.05 ms, Billed 117 ms
 *   warm  Duration 102.25 ms,                Billed 103 ms
 *   warm  Duration 50.40 ms,                 Billed 51 ms
 *   billed: 60 x 0.271 s x 0.5 GB = 8.13 GB-s;  Sum(Duration): 60 x 0.15491 s x 0.5 GB = 4.6473 GB-s
 * partial (1024 MB), every minute 2 invocations:
 *   00:00-00:59 both reported: cold Duration 10.5 ms, Init 200.3 ms, Billed 211 ms; warm 99.1 ms, Billed 100 ms
 *     billed: 60 x 0.311 s x 1 GB = 18.66 GB-s (Sum(Duration) 60 x 0.1096 s = 6.576 GB-s)
 *   01:00-01:59 one of two reported: Sum(Duration) 60 x 0.1982 s x 1 GB = 11.892 GB-s
 *   30.552 GB-s (Sum(Duration) alone: 18.468 GB-s)
 * compute: 38.682 GB-s x $0.0000166667 = $0.000644701...; from Sum(Duration) alone 23.1153 GB-s
 * requests: 180 + 240 = 420 x $0.20 per million = $0.000084
 * </pre>
 */
@SpringBootTest(properties = { "lambdalens.cost.free-tier.requests=0", "lambdalens.cost.free-tier.gb-seconds=0" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BilledCostTests {

    static final String ACCOUNT = "210987654321";

    static final String REGION = "us-east-1";

    static final Instant DAY = Instant.parse("2026-11-02T00:00:00Z");

    static final double PRICE = 0.0000166667;

    @Autowired
    Inventory inventory;

    @Autowired
    SampleStore samples;

    @Autowired
    LogIngest ingest;

    @Autowired
    CostLedger ledger;

    @Autowired
    CostReports reports;

    @Autowired
    MutableClock clock;

    @BeforeAll
    void storeOneDay() {
        this.clock.set(Instant.parse("2026-11-03T00:00:00Z"));
        this.inventory.reconcile(ACCOUNT, REGION, List.of(
                withAccount(LogsFixtures.function("covered", 512, "nodejs22.x")),
                withAccount(LogsFixtures.function("partial", 1024, "python3.12"))),
                new AccountLimits(ACCOUNT, REGION, 1000, 1000, DAY), DAY);
        Map<SeriesKey, List<Point>> cloudWatch = new HashMap<>();
        List<LogEvent> covered = new ArrayList<>();
        List<LogEvent> partial = new ArrayList<>();
        for (int m = 0; m < 120; m++) {
            long t = DAY.getEpochSecond() + m * 60L;
            long ms = t * 1000;
            if (m < 60) {
                put(cloudWatch, "covered", LambdaMetric.INVOCATIONS, t, 3);
                put(cloudWatch, "covered", LambdaMetric.DURATION, t, 2.26 + 102.25 + 50.40);
                covered.add(report("c" + m + "a", ms, "Duration: 2.26 ms\tBilled Duration: 117 ms\tMemory Size: "
                        + "512 MB\tMax Memory Used: 70 MB\tInit Duration: 114.05 ms"));
                covered.add(report("c" + m + "b", ms + 1, "Duration: 102.25 ms\tBilled Duration: 103 ms\t"
                        + "Memory Size: 512 MB\tMax Memory Used: 71 MB"));
                covered.add(report("c" + m + "c", ms + 2, "Duration: 50.40 ms\tBilled Duration: 51 ms\t"
                        + "Memory Size: 512 MB\tMax Memory Used: 72 MB"));
                put(cloudWatch, "partial", LambdaMetric.INVOCATIONS, t, 2);
                put(cloudWatch, "partial", LambdaMetric.DURATION, t, 10.5 + 99.1);
                partial.add(report("p" + m + "a", ms, "Duration: 10.50 ms\tBilled Duration: 211 ms\tMemory Size: "
                        + "1024 MB\tMax Memory Used: 300 MB\tInit Duration: 200.30 ms"));
                partial.add(report("p" + m + "b", ms + 1, "Duration: 99.10 ms\tBilled Duration: 100 ms\t"
                        + "Memory Size: 1024 MB\tMax Memory Used: 310 MB"));
            }
            else {
                put(cloudWatch, "partial", LambdaMetric.INVOCATIONS, t, 2);
                put(cloudWatch, "partial", LambdaMetric.DURATION, t, 99.1 + 99.1);
                partial.add(report("p" + m + "a", ms, "Duration: 99.10 ms\tBilled Duration: 100 ms\t"
                        + "Memory Size: 1024 MB\tMax Memory Used: 310 MB"));
            }
        }
        this.samples.upsert(cloudWatch);
        this.ingest.ingest(List.of(new LogIngest.FunctionEvents(ACCOUNT, REGION, "covered", covered),
                new LogIngest.FunctionEvents(ACCOUNT, REGION, "partial", partial)));
    }

    @Test
    void shouldBillTheBilledDurationsWhereReportsCoverEveryInvocationAndDurationSumElsewhere() {
        CostLedger.Costs costs = this.ledger.actual(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 3));
        Usage covered = usage(costs, "covered");
        Usage partial = usage(costs, "partial");
        assertThat(covered.gbSeconds()).isCloseTo(8.13, within(1e-9));
        assertThat(covered.durationSumGbSeconds()).isCloseTo(4.6473, within(1e-9));
        assertThat(covered.source()).isEqualTo(Usage.ComputeSource.BILLED_DURATION);
        assertThat(partial.gbSeconds()).isCloseTo(18.66 + 11.892, within(1e-9));
        assertThat(partial.durationSumGbSeconds()).isCloseTo(18.468, within(1e-9));
        assertThat(partial.source()).isEqualTo(Usage.ComputeSource.MIXED);
        assertThat(costs.lines().stream().mapToDouble(CostLine::computeCost).sum())
            .isCloseTo(38.682 * PRICE, within(1e-12));
        assertThat(costs.lines().stream().mapToDouble(CostLine::requestCost).sum())
            .isCloseTo(420 * 0.20 / 1_000_000, within(1e-12));
        assertThat(costs.lines().stream().mapToDouble(CostLine::durationSumComputeCost).sum())
            .isCloseTo(23.1153 * PRICE, within(1e-12));
    }

    @Test
    void shouldSayWhichSourceEachFigureUsedAndTheDifferenceTheEstimateMade() {
        CostReport report = this.reports.report(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 3),
                CostGrouping.FUNCTION, null);
        assertThat(report.groups()).extracting(CostReport.Group::function, CostReport.Group::computeSource)
            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("covered", "billed duration"),
                    org.assertj.core.groups.Tuple.tuple("partial", "billed duration and Duration Sum"));
        // (38.682 - 23.1153) x $0.0000166667 = $0.000259446 -> $0.0003
        assertThat(report.billedDurationDifference()).isEqualByComparingTo("0.0003");
        assertThat(report.caveats().get(0)).contains("billed durations of REPORT lines").contains("INIT");
    }

    private static Usage usage(CostLedger.Costs costs, String function) {
        List<Usage> usage = costs.lines().stream().map(CostLine::usage)
            .filter((u) -> u.function().name().equals(function)).toList();
        assertThat(usage).hasSize(1);
        return usage.get(0);
    }

    private static LogEvent report(String id, long ms, String fields) {
        return new LogEvent(id, ms, LogsFixtures.report(id + "-request", fields), "$LATEST");
    }

    private static void put(Map<SeriesKey, List<Point>> samples, String function, LambdaMetric metric, long t,
            double value) {
        samples.computeIfAbsent(SeriesKey.ofFunction(ACCOUNT, REGION, function, metric, Statistic.SUM),
                (k) -> new ArrayList<>()).add(new Point(t, value));
    }

    private static dev.lambdalens.inventory.DiscoveredFunction withAccount(
            dev.lambdalens.inventory.DiscoveredFunction f) {
        return new dev.lambdalens.inventory.DiscoveredFunction(ACCOUNT, REGION, f.name(), f.arn(), f.runtime(),
                f.architecture(), f.memoryMb(), f.timeoutSeconds(), null, f.codeSizeBytes(), Map.of(), 0, 0, null, 512,
                null, false);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-03T00:00:00Z"));
        }
    }
}
