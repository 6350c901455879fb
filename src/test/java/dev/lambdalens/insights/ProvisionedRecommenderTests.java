package dev.lambdalens.insights;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.lambdalens.insights.Recommendation.Kind;
import dev.lambdalens.insights.Recommendation.Priority;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Provisioned concurrency recommendations at their thresholds: a week under 50% utilization reduces it, 1% of
 * invocations spilling over raises it; short of either, nothing.
 */
class ProvisionedRecommenderTests {

    static final Instant NOW = Instant.parse("2026-11-21T00:00:00Z");

    static final Instant WEEK_AGO = NOW.minus(Duration.ofDays(7));

    static final double PRICE = 0.0000041667;

    @Test
    void reducesAnAllocationUsedUnderHalfForAWholeWeekWithTheMonthlySaving() {
        // 10 allocated, at most 4 in use (40%): 4 / 0.7 = 5.7, so 6; 4 fewer x 2 GB x 2,592,000 s x $0.0000041667
        Recommendation reduce = only(use(10, 0.4, 4.0, WEEK_AGO, WEEK_AGO, 1_000, 0), Kind.REDUCE_PROVISIONED_CONCURRENCY);
        assertThat(reduce.action()).contains("from 10 to 6");
        assertThat(reduce.monthlySaving()).isEqualByComparingTo(new BigDecimal("86.40"));
        assertThat(reduce.priority()).isEqualTo(Priority.MEDIUM);
        assertThat(reduce.kind().risk()).isFalse();
        assertThat(reduce.evidence()).extracting(Recommendation.Evidence::value).contains("40%", "4", "10", "2048 MB");
        // nothing in use all week: remove it
        assertThat(only(use(10, 0.0, 0.0, WEEK_AGO, WEEK_AGO, 0, 0), Kind.REDUCE_PROVISIONED_CONCURRENCY).action())
            .startsWith("Remove the provisioned concurrency of fn:live");
    }

    @Test
    void keepsAnAllocationAtHalfUseOrNotJudgedOnAWholeWeek() {
        assertThat(kinds(use(10, 0.5, 5.0, WEEK_AGO, WEEK_AGO, 1_000, 0))).isEmpty();
        // allocated 6 days ago: a week at this allocation is not known yet
        assertThat(kinds(use(10, 0.2, 2.0, WEEK_AGO.plus(Duration.ofDays(1)), WEEK_AGO, 1_000, 0))).isEmpty();
        // data from the last 5 days only: no week of evidence
        assertThat(kinds(use(10, 0.2, 2.0, WEEK_AGO, WEEK_AGO.plus(Duration.ofDays(2)), 1_000, 0))).isEmpty();
        // no utilization datapoint at all: no evidence, no recommendation
        assertThat(kinds(use(10, null, null, WEEK_AGO, null, 0, 0))).isEmpty();
        // a single environment: removed when unused, kept when used (utilization is then 0 or 100%)
        assertThat(kinds(use(1, 0.0, 0.0, WEEK_AGO, WEEK_AGO, 0, 0))).containsExactly(
                Kind.REDUCE_PROVISIONED_CONCURRENCY);
        assertThat(kinds(use(1, 1.0, 1.0, WEEK_AGO, WEEK_AGO, 10, 0))).isEmpty();
    }

    @Test
    void raisesAnAllocationFromOnePercentOfInvocationsSpillingOverWithTheFigures() {
        // 100 of 10,000 spilled over: 10 / 0.99 = 10.1, so 11; 1 more x 2 GB x 2,592,000 s x $0.0000041667 = $21.60
        Recommendation raise = only(use(10, 1.0, 10.0, WEEK_AGO, WEEK_AGO, 9_900, 100),
                Kind.RAISE_PROVISIONED_CONCURRENCY);
        assertThat(raise.action()).contains("from 10 to 11").contains("$21.60 a month");
        assertThat(raise.priority()).isEqualTo(Priority.LOW);
        assertThat(raise.kind().risk()).isTrue();
        assertThat(raise.evidence()).extracting(Recommendation.Evidence::value)
            .contains("100", "9,900", "1.0%", "10", "$21.60");
        // a quarter spilled over: 10 / 0.75 = 13.3, so 14, and it matters now
        Recommendation quarter = only(use(10, 1.0, 10.0, WEEK_AGO, WEEK_AGO, 3_000, 1_000),
                Kind.RAISE_PROVISIONED_CONCURRENCY);
        assertThat(quarter.action()).contains("from 10 to 14");
        assertThat(quarter.priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void doesNotRaiseBelowOnePercentOfSpillover() {
        assertThat(kinds(use(10, 1.0, 10.0, WEEK_AGO, WEEK_AGO, 9_901, 99))).isEmpty();
        assertThat(kinds(use(10, 1.0, 10.0, WEEK_AGO, WEEK_AGO, 9_900, 0))).isEmpty();
    }

    static ProvisionedUse use(int allocated, @Nullable Double peakUtilization, @Nullable Double peakExecutions,
            Instant allocatedSince, @Nullable Instant dataSince, double invocations, double spillover) {
        return new ProvisionedUse("123456789012", "us-east-1", "fn", "live", allocated, 2048, allocatedSince,
                peakUtilization, peakExecutions, dataSince, invocations, spillover, PRICE);
    }

    static List<Kind> kinds(ProvisionedUse use) {
        return Recommender.forProvisioned(use, NOW, "14 d").stream().map(Recommendation::kind).toList();
    }

    static Recommendation only(ProvisionedUse use, Kind kind) {
        List<Recommendation> found = Recommender.forProvisioned(use, NOW, "14 d")
            .stream()
            .filter((r) -> r.kind() == kind)
            .toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
