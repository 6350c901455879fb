package dev.lambdalens.insights;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.lambdalens.cost.CostReports;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.insights.Recommendation.Kind;
import dev.lambdalens.insights.Recommendation.Priority;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each recommendation with data that should trigger it and data that should not: no recommendation without evidence.
 */
class RecommenderTests {

    static final CostReports.RunRate.FunctionRate NO_COST = null;

    @Test
    void raisesReservedConcurrencyOnlyForAFunctionThrottledAtItsReservation() {
        FunctionSummary f = function(Architecture.ARM64, 512, 30, 20, 0, null);
        assertThat(kinds(headroom(f, 10_000, 350, 20.0, 500.0, 900.0, null), region(1000, 800)))
            .contains(Kind.RAISE_RESERVED_CONCURRENCY);
        Recommendation raise = only(headroom(f, 10_000, 350, 20.0, 500.0, 900.0, null), Kind.RAISE_RESERVED_CONCURRENCY);
        assertThat(raise.priority()).isEqualTo(Priority.HIGH);
        assertThat(raise.action()).contains("from 20 to 30");
        assertThat(raise.evidence()).extracting(Recommendation.Evidence::value).contains("350", "20");
        assertThat(raise.alert().signal()).isEqualTo(dev.lambdalens.alerting.Signal.RESERVED_CONCURRENCY_SHARE);
        // no throttles: nothing to raise, however close the peak came
        assertThat(kinds(headroom(f, 10_000, 0, 20.0, 500.0, 900.0, null), region(1000, 800)))
            .doesNotContain(Kind.RAISE_RESERVED_CONCURRENCY, Kind.ACCOUNT_THROTTLING);
    }

    @Test
    void aThrottledFunctionWithoutReservationPointsAtTheAccount() {
        FunctionSummary f = function(Architecture.ARM64, 512, 30, null, 0, null);
        assertThat(kinds(headroom(f, 10_000, 5, 900.0, 500.0, 900.0, null), region(1000, 1000)))
            .contains(Kind.ACCOUNT_THROTTLING).doesNotContain(Kind.RAISE_RESERVED_CONCURRENCY);
    }

    @Test
    void flagsAFunctionNearItsTimeoutAndNotOneWellWithinIt() {
        FunctionSummary f = function(Architecture.ARM64, 512, 30, null, 0, null);
        Recommendation near = only(headroom(f, 1_000, 0, 5.0, 28_000.0, 30_000.0, null), Kind.NEAR_TIMEOUT);
        assertThat(near.priority()).isEqualTo(Priority.HIGH);
        assertThat(near.action()).contains("Raise the timeout to 45 s");
        assertThat(kinds(headroom(f, 1_000, 0, 5.0, 15_000.0, 20_000.0, null), (RegionHeadroom) null)).doesNotContain(Kind.NEAR_TIMEOUT);
        // at the 900 s hard limit there is no raising it
        FunctionSummary capped = function(Architecture.ARM64, 512, 900, null, 0, null);
        assertThat(only(headroom(capped, 100, 0, 5.0, 800_000.0, 890_000.0, null), Kind.NEAR_TIMEOUT).action())
            .contains("900 s hard limit");
    }

    @Test
    void lowersATimeoutFarAboveTheLongestInvocationOnlyWithEnoughInvocations() {
        FunctionSummary f = function(Architecture.ARM64, 512, 900, null, 0, null);
        Recommendation lower = only(headroom(f, 5_000, 0, 5.0, 90_000.0, 120_000.0, null), Kind.LOWER_TIMEOUT);
        assertThat(lower.action()).contains("from 900 s to 360 s");
        assertThat(kinds(headroom(f, 50, 0, 5.0, 90_000.0, 120_000.0, null), (RegionHeadroom) null)).doesNotContain(Kind.LOWER_TIMEOUT);
        assertThat(kinds(headroom(f, 5_000, 0, 5.0, 250_000.0, 400_000.0, null), (RegionHeadroom) null)).doesNotContain(Kind.LOWER_TIMEOUT);
    }

    @Test
    void movesX86ToArm64WithTheSavingFromTheCostModuleAndNeverArm64() {
        FunctionSummary x86 = function(Architecture.X86_64, 1024, 30, null, 0, null);
        Recommendation move = only(headroom(x86, 1_000, 0, 5.0, 100.0, 200.0, null),
                new CostReports.RunRate.FunctionRate(60, 50, 10), Kind.MOVE_TO_ARM64);
        assertThat(move.monthlySaving()).isEqualByComparingTo(new BigDecimal("10.00"));
        assertThat(move.priority()).isEqualTo(Priority.MEDIUM);
        FunctionSummary arm = function(Architecture.ARM64, 1024, 30, null, 0, null);
        assertThat(costed(headroom(arm, 1_000, 0, 5.0, 100.0, 200.0, null),
                new CostReports.RunRate.FunctionRate(60, 50, 0))).doesNotContain(Kind.MOVE_TO_ARM64);
        // no cost known: no saving claimed
        assertThat(kinds(headroom(x86, 1_000, 0, 5.0, 100.0, 200.0, null), (RegionHeadroom) null)).doesNotContain(Kind.MOVE_TO_ARM64);
    }

    @Test
    void rightSizesMemoryOnlyWithLambdaInsightsEvidence() {
        FunctionSummary f = function(Architecture.ARM64, 2048, 30, null, 0, null);
        CostReports.RunRate.FunctionRate rate = new CostReports.RunRate.FunctionRate(120, 100, 0);
        // used at most 400 MB of 2048: 1.5 x 400 = 600, rounded up to 640 MB; compute $100 x (1 - 640/2048)
        Recommendation down = only(headroom(f, 1_000, 0, 5.0, 100.0, 200.0, 400.0), rate, Kind.RIGHT_SIZE_MEMORY);
        assertThat(down.action()).contains("from 2048 MB to 640 MB");
        assertThat(down.monthlySaving()).isEqualByComparingTo(new BigDecimal("68.75"));
        // without Insights data: no memory recommendation at all
        assertThat(costed(headroom(f, 1_000, 0, 5.0, 100.0, 200.0, null), rate))
            .doesNotContain(Kind.RIGHT_SIZE_MEMORY, Kind.RAISE_MEMORY);
        // with too few invocations: no judgement either
        assertThat(costed(headroom(f, 20, 0, 5.0, 100.0, 200.0, 400.0), rate)).doesNotContain(Kind.RIGHT_SIZE_MEMORY);
        // used nearly all: raise, with the memory alert
        Recommendation up = only(headroom(f, 1_000, 0, 5.0, 100.0, 200.0, 2000.0), rate, Kind.RAISE_MEMORY);
        assertThat(up.priority()).isEqualTo(Priority.HIGH);
        assertThat(up.action()).contains("to 2624 MB");
        assertThat(up.alert().metric()).isEqualTo("memory_utilization");
    }

    @Test
    void flagsVpcAndPackagesNearTheLimitOnlyWhereTheyAre() {
        FunctionSummary big = new FunctionSummary("123456789012", "us-east-1", "fat", "arn", "python3.12",
                Architecture.ARM64, 512, 30, null, 150L * 1024 * 1024, Map.of(), 4, 60L * 1024 * 1024, "vpc-1",
                FunctionState.ACTIVE, Instant.EPOCH, Instant.EPOCH, 512, List.of(), false);
        assertThat(kinds(headroom(big, 10, 0, 1.0, 10.0, 10.0, null), (RegionHeadroom) null))
            .contains(Kind.PACKAGE_NEAR_LIMIT, Kind.LAYERS_NEAR_LIMIT, Kind.REVIEW_VPC);
        FunctionSummary small = function(Architecture.ARM64, 512, 30, null, 0, null);
        assertThat(kinds(headroom(small, 10, 0, 1.0, 10.0, 10.0, null), (RegionHeadroom) null)).isEmpty();
    }

    @Test
    void warnsOfAnAccountNearItsLimitWithTheOneClickRule() {
        List<Recommendation> found = Recommender.forRegion(new RegionHeadroom("123456789012", "us-east-1", 1000, 900,
                910.0, 850.0, 700.0, 100, 200.0, 800), "14 d");
        assertThat(found).singleElement().satisfies((r) -> {
            assertThat(r.kind()).isEqualTo(Kind.ACCOUNT_CONCURRENCY_NEAR_LIMIT);
            assertThat(r.priority()).isEqualTo(Priority.HIGH);
            assertThat(r.alert().signal()).isEqualTo(dev.lambdalens.alerting.Signal.ACCOUNT_CONCURRENCY_SHARE);
        });
        assertThat(Recommender.forRegion(new RegionHeadroom("123456789012", "us-east-1", 1000, 900, 500.0, 450.0, 400.0,
                100, 500.0, 800), "14 d")).isEmpty();
        // an unknown limit is no evidence
        assertThat(Recommender.forRegion(new RegionHeadroom("123456789012", "us-east-1", null, null, 950.0, 950.0, null,
                0, null, null), "14 d")).isEmpty();
    }

    @Test
    void ranksRisksBeforeSavingsAndLargerSavingsFirst() {
        FunctionSummary f = function(Architecture.X86_64, 2048, 30, 20, 0, null);
        List<Recommendation> found = new java.util.ArrayList<>(Recommender.forFunction(
                headroom(f, 10_000, 50, 20.0, 29_000.0, 30_000.0, 300.0), region(1000, 800),
                new CostReports.RunRate.FunctionRate(300, 250, 50), "method", "14 d"));
        found.sort(Insights.BY_IMPACT);
        // refused requests first, then the timeouts about to fail; then the larger saving ($187.50 before $50)
        assertThat(found).extracting(Recommendation::kind).containsExactly(Kind.RAISE_RESERVED_CONCURRENCY,
                Kind.NEAR_TIMEOUT, Kind.RIGHT_SIZE_MEMORY, Kind.MOVE_TO_ARM64);
    }

    private static List<Kind> kinds(FunctionHeadroom h, @Nullable RegionHeadroom region) {
        return Recommender.forFunction(h, region, NO_COST, "method", "14 d").stream().map(Recommendation::kind).toList();
    }

    private static List<Kind> costed(FunctionHeadroom h, CostReports.RunRate.@Nullable FunctionRate rate) {
        return Recommender.forFunction(h, null, rate, "method", "14 d").stream().map(Recommendation::kind).toList();
    }

    private static Recommendation only(FunctionHeadroom h, Kind kind) {
        return only(h, NO_COST, kind);
    }

    private static Recommendation only(FunctionHeadroom h, CostReports.RunRate.@Nullable FunctionRate rate, Kind kind) {
        return Recommender.forFunction(h, region(1000, 800), rate, "method", "14 d")
            .stream()
            .filter((r) -> r.kind() == kind)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind));
    }

    static RegionHeadroom region(int limit, int unreservedLimit) {
        return new RegionHeadroom("123456789012", "us-east-1", limit, unreservedLimit, 300.0, 300.0, 250.0,
                limit - unreservedLimit, unreservedLimit - 250.0, unreservedLimit - 100);
    }

    static FunctionHeadroom headroom(FunctionSummary f, double invocations, double throttles, Double peak, Double p99,
            Double max, @Nullable Double usedMemory) {
        return new FunctionHeadroom(f, invocations, 0, throttles, peak, p99, max, usedMemory);
    }

    static FunctionSummary function(Architecture architecture, int memory, int timeout, @Nullable Integer reserved,
            int layers, @Nullable String vpc) {
        return new FunctionSummary("123456789012", "us-east-1", "fn", "arn", "nodejs20.x", architecture, memory,
                timeout, reserved, 1_000_000, Map.of(), layers, 0, vpc, FunctionState.ACTIVE, Instant.EPOCH,
                Instant.EPOCH, 512, List.of(), false);
    }
}
