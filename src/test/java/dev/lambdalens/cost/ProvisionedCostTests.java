package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lambdalens.alerting.Severity;
import dev.lambdalens.insights.Insights;
import dev.lambdalens.insights.Recommendation;
import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.FunctionAlias;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.inventory.InvocationSetup;
import dev.lambdalens.inventory.ProvisionedAllocation;
import dev.lambdalens.inventory.ProvisionedConcurrency;
import dev.lambdalens.inventory.PublishedVersion;
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
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Provisioned concurrency in the ledger, budgets and insights, from the allocation history discovery keeps and the
 * stored per-alias series, against a bill worked out by hand (us-east-1 prices):
 * <ul>
 * <li>{@code warm} (x86, 1 GB; alias {@code live} on version 7 of 2 GB): 100 invocations of 1 s every minute from 1
 * November; 10 environments allocated on {@code live} from 5 November, which serve 60 of the 100 a minute;</li>
 * <li>{@code idle} (x86, 512 MB, alias {@code prod} on version 1): never invoked, 2 environments from 10 November, 4
 * from 15 November.</li>
 * </ul>
 * Another account has {@code peaky}, whose provisioned concurrency on version 3 spills over.
 */
@SpringBootTest
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisionedCostTests {

    static final Instant NOW = Instant.parse("2026-11-21T00:00:00Z");

    static final String ACCOUNT = "123456789012";

    static final String OTHER = "210987654321";

    static final String REGION = "us-east-1";

    static final Instant DEPLOYED = Instant.parse("2026-10-01T00:00:00Z");

    @Autowired
    CostLedger ledger;

    @Autowired
    Budgets budgets;

    @Autowired
    Insights insights;

    @Autowired
    Inventory inventory;

    @Autowired
    SampleStore samples;

    @Autowired
    MutableClock clock;

    @BeforeAll
    void allocateAndStore() {
        this.clock.set(NOW);
        discover(ACCOUNT, "2026-11-01T00:00:00Z", warm(List.of()), idle(List.of()));
        discover(ACCOUNT, "2026-11-06T00:00:00Z", warm(List.of(pc("live", 10, "2026-11-05T00:00:00Z"))),
                idle(List.of()));
        discover(ACCOUNT, "2026-11-10T06:00:00Z", warm(List.of(pc("live", 10, "2026-11-05T00:00:00Z"))),
                idle(List.of(pc("prod", 2, "2026-11-10T00:00:00Z"))));
        // read again unchanged, then changed: the first stretch ends when the change was made
        discover(ACCOUNT, "2026-11-12T00:00:00Z", warm(List.of(pc("live", 10, "2026-11-05T00:00:00Z"))),
                idle(List.of(pc("prod", 2, "2026-11-10T00:00:00Z"))));
        discover(ACCOUNT, "2026-11-15T12:00:00Z", warm(List.of(pc("live", 10, "2026-11-05T00:00:00Z"))),
                idle(List.of(pc("prod", 4, "2026-11-15T00:00:00Z"))));
        discover(OTHER, "2026-11-01T00:00:00Z", peaky());

        Map<SeriesKey, List<Point>> series = new HashMap<>();
        long allocated = Instant.parse("2026-11-05T00:00:00Z").getEpochSecond();
        for (long t = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond(); t < NOW.getEpochSecond(); t += 60) {
            add(series, key(ACCOUNT, "warm", LambdaMetric.INVOCATIONS, Statistic.SUM), t, 100);
            add(series, key(ACCOUNT, "warm", LambdaMetric.DURATION, Statistic.SUM), t, 100_000);
            if (t >= allocated) {
                add(series, live(LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS, Statistic.SUM), t, 60);
            }
        }
        // the last 8 days: at most 3 of the 10 environments in use (30%)
        for (long t = NOW.minus(Duration.ofDays(8)).getEpochSecond(); t < NOW.getEpochSecond(); t += 3600) {
            add(series, live(LambdaMetric.PROVISIONED_CONCURRENCY_UTILIZATION, Statistic.MAXIMUM), t, 0.3);
            add(series, live(LambdaMetric.PROVISIONED_CONCURRENT_EXECUTIONS, Statistic.MAXIMUM), t, 3);
            add(series, peaky(LambdaMetric.PROVISIONED_CONCURRENCY_UTILIZATION, Statistic.MAXIMUM), t, 1.0);
            add(series, peaky(LambdaMetric.PROVISIONED_CONCURRENT_EXECUTIONS, Statistic.MAXIMUM), t, 4);
            add(series, peaky(LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS, Statistic.SUM), t, 90);
            add(series, peaky(LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, Statistic.SUM), t, 10);
        }
        this.samples.upsert(series);
    }

    @Test
    void keepsEachStretchOfAllocationWithTheMemoryOfTheVersionItRuns() {
        List<ProvisionedAllocation> stretches = this.inventory
            .provisionedAllocations(Instant.parse("2026-11-01T00:00:00Z"), NOW)
            .stream()
            .filter((a) -> a.account().equals(ACCOUNT))
            .toList();
        assertThat(stretches).extracting(ProvisionedAllocation::function, ProvisionedAllocation::qualifier,
                ProvisionedAllocation::allocated, ProvisionedAllocation::memoryMb, ProvisionedAllocation::from,
                ProvisionedAllocation::to)
            .containsExactly(
                    org.assertj.core.groups.Tuple.tuple("idle", "prod", 2, 512, Instant.parse("2026-11-10T00:00:00Z"),
                            Instant.parse("2026-11-15T00:00:00Z")),
                    org.assertj.core.groups.Tuple.tuple("idle", "prod", 4, 512, Instant.parse("2026-11-15T00:00:00Z"),
                            null),
                    org.assertj.core.groups.Tuple.tuple("warm", "live", 10, 2048,
                            Instant.parse("2026-11-05T00:00:00Z"), null));
    }

    @Test
    void billsTheAllocationAndTheComputeThatRanOnItAtTheirOwnPrices() {
        // allocated: warm 10 x 2 GB x 16 days = 27,648,000 GB-s; idle 2 x 0.5 GB x 5 days + 4 x 0.5 GB x 6 days
        // = 1,468,800 GB-s; 29,116,800 GB-s x $0.0000041667 = $121.32097056
        // executed on it: 60% of warm's 144,000 GB-s a day for 16 days = 1,382,400 GB-s x $0.0000097222 = $13.43996928
        // on demand: 4 days x 144,000 + 16 days x 57,600 = 1,497,600 GB-s, 400,000 free: 1,097,600 x $0.0000166667
        // = $18.29336992; requests (all of them): 2,880,000, 1,000,000 free: $0.376
        List<CostLine> lines = mine(this.ledger.actual(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1)).lines());
        assertThat(lines.stream().mapToDouble(CostLine::provisionedCost).sum())
            .isCloseTo(121.32097056 + 13.43996928, within(1e-6));
        assertThat(lines.stream().mapToDouble(CostLine::computeCost).sum()).isCloseTo(18.29336992, within(1e-6));
        assertThat(lines.stream().mapToDouble(CostLine::requestCost).sum()).isCloseTo(0.376, within(1e-9));
        assertThat(lines.stream().mapToDouble(CostLine::total).sum()).isCloseTo(153.43030976, within(1e-6));
        // a function never invoked pays for its allocation all the same, day by day
        assertThat(lines.stream().filter((l) -> l.function().name().equals("idle")).map(CostLine::day).distinct())
            .hasSize(11);
    }

    @Test
    void theReportShowsTheProvisionedCostAndHowItIsWorkedOut() {
        CostReport report = CostReport.of(this.ledger.actual(LocalDate.of(2026, 11, 15), LocalDate.of(2026, 11, 16)),
                CostGrouping.FUNCTION, null, Map.of(), 0);
        // 15 November: idle 4 x 0.5 GB x 86,400 s = 172,800 GB-s x $0.0000041667 = $0.72000576
        assertThat(report.groups().stream().filter((g) -> "idle".equals(g.function())).findFirst().orElseThrow()
            .provisionedCost()).isEqualByComparingTo(new BigDecimal("0.7200"));
        assertThat(report.caveats()).anyMatch((c) -> c.startsWith("Provisioned concurrency is the allocation"));
    }

    @Test
    void aBudgetCountsProvisionedConcurrencyInItsActualSpendAndForecast() {
        long id = this.budgets.create(new BudgetRequest("Provisioned", new BigDecimal("200.00"), BudgetPeriod.MONTHLY,
                null, null, BudgetScope.ACCOUNT, null, ACCOUNT, Severity.WARNING, null,
                List.of(new BudgetRequest.ThresholdRequest(ThresholdKind.ACTUAL, 100.0, ThresholdUnit.PERCENT),
                        new BudgetRequest.ThresholdRequest(ThresholdKind.FORECASTED, 100.0, ThresholdUnit.PERCENT)))
            .toDefinition());
        BudgetStatus status = this.budgets.find(id).orElseThrow().status();
        // 21 to 30 November: the allocation standing now, (10 x 2 + 4 x 0.5) GB x 86,400 s x 10 days x $0.0000041667
        // = $79.2006336; the last week's day repeated: 144,000 requests ($0.0288), 57,600 GB-s on demand ($0.96000192)
        // and 86,400 GB-s executed on provisioned concurrency ($0.83999808) a day, for 10 days
        assertThat(status.actual()).isCloseTo(153.43030976, within(1e-6));
        assertThat(status.forecast()).isCloseTo(153.43030976 + 79.2006336 + 0.288 + 9.6000192 + 8.3999808,
                within(1e-6));
        assertThat(status.thresholds()).extracting(BudgetStatus.ThresholdStatus::crossed).containsExactly(false, true);
    }

    @Test
    void recommendsReducingAnIdleWeekAndRaisingWhereInvocationsSpillOver() {
        List<Recommendation> found = this.insights.recommendations(Duration.ofDays(14)).recommendations();
        Recommendation reduce = found.stream()
            .filter((r) -> r.kind() == Recommendation.Kind.REDUCE_PROVISIONED_CONCURRENCY)
            .toList()
            .get(0);
        assertThat(found).filteredOn((r) -> r.kind() == Recommendation.Kind.REDUCE_PROVISIONED_CONCURRENCY)
            .hasSize(1); // idle has no utilization datapoint: no evidence, no recommendation
        assertThat(reduce.function()).isEqualTo("warm");
        // 3 in use at 70%: 5 environments, 5 fewer x 2 GB x 2,592,000 s x $0.0000041667 = $108.000864
        assertThat(reduce.action()).contains("from 10 to 5");
        assertThat(reduce.monthlySaving()).isEqualByComparingTo(new BigDecimal("108.00"));
        Recommendation raise = found.stream()
            .filter((r) -> r.kind() == Recommendation.Kind.RAISE_PROVISIONED_CONCURRENCY)
            .toList()
            .get(0);
        assertThat(found).filteredOn((r) -> r.kind() == Recommendation.Kind.RAISE_PROVISIONED_CONCURRENCY)
            .hasSize(1);
        // 10 of every 100 spilled over (the last 8 days hourly: 1,920 of 19,200): 4 / 0.9 = 4.4, so 5 environments,
        // 1 more x 1 GB x 2,592,000 s x $0.0000041667 = $10.80
        assertThat(raise.function()).isEqualTo("peaky");
        assertThat(raise.account()).isEqualTo(OTHER);
        assertThat(raise.action()).contains("from 4 to 5").contains("$10.80 a month");
        assertThat(raise.evidence()).extracting(Recommendation.Evidence::value).contains("1,920", "17,280", "10.0%");
    }

    private void discover(String account, String at, DiscoveredFunction... functions) {
        this.inventory.reconcile(account, REGION, List.of(functions), AccountLimits.unknown(account, REGION, NOW),
                Instant.parse(at));
    }

    static DiscoveredFunction warm(List<ProvisionedConcurrency> provisioned) {
        return function(ACCOUNT, "warm", 1024).withSetup(new InvocationSetup(null, null, Set.of(),
                List.of(new FunctionAlias("live", "7", Map.of())),
                List.of(new PublishedVersion("7", "abc", 2048, DEPLOYED)), provisioned));
    }

    static DiscoveredFunction idle(List<ProvisionedConcurrency> provisioned) {
        return function(ACCOUNT, "idle", 512).withSetup(new InvocationSetup(null, null, Set.of(),
                List.of(new FunctionAlias("prod", "1", Map.of())),
                List.of(new PublishedVersion("1", "def", 512, DEPLOYED)), provisioned));
    }

    static DiscoveredFunction peaky() {
        return function(OTHER, "peaky", 1024).withSetup(new InvocationSetup(null, null, Set.of(), List.of(),
                List.of(new PublishedVersion("3", "fed", 1024, DEPLOYED)),
                List.of(pc("3", 4, "2026-10-20T00:00:00Z"))));
    }

    static ProvisionedConcurrency pc(String qualifier, int allocated, String modified) {
        return new ProvisionedConcurrency(qualifier, allocated, allocated, "READY", Instant.parse(modified));
    }

    static DiscoveredFunction function(String account, String name, int memory) {
        return new DiscoveredFunction(account, REGION, name, "arn:aws:lambda:" + REGION + ":" + account + ":function:"
                + name, "java21", Architecture.X86_64, memory, 30, null, 1_000, Map.of(), 0, 0, null, 512, DEPLOYED);
    }

    static List<CostLine> mine(List<CostLine> lines) {
        return lines.stream().filter((l) -> l.function().account().equals(ACCOUNT)).toList();
    }

    static SeriesKey key(String account, String function, LambdaMetric metric, Statistic statistic) {
        return SeriesKey.ofFunction(account, REGION, function, metric, statistic);
    }

    static SeriesKey live(LambdaMetric metric, Statistic statistic) {
        return SeriesKey.ofQualified(ACCOUNT, REGION, "warm", "live", metric, statistic);
    }

    static SeriesKey peaky(LambdaMetric metric, Statistic statistic) {
        return SeriesKey.ofQualified(OTHER, REGION, "peaky", "3", metric, statistic);
    }

    static void add(Map<SeriesKey, List<Point>> series, SeriesKey key, long t, double value) {
        series.computeIfAbsent(key, (k) -> new ArrayList<>()).add(new Point(t, value));
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
