package dev.lambdalens.insights;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.lambdalens.cost.CostReports;
import dev.lambdalens.metrics.FunctionRef;

import org.springframework.stereotype.Service;

/**
 * Recommendations for every account, region and function, ranked by impact: what will break first (HIGH risks),
 * then by priority, risks before savings, and the larger saving first.
 */
@Service
public class Insights {

    /** The longest look-back: CloudWatch keeps 1-minute data for 15 days, and so the evidence reaches that far. */
    public static final Duration MAX_LOOKBACK = Duration.ofDays(15);

    static final Comparator<Recommendation> BY_IMPACT = Comparator
        .comparing(Recommendation::priority)
        .thenComparing((r) -> !r.kind().risk())
        .thenComparing((Recommendation r) -> (r.monthlySaving() != null) ? r.monthlySaving() : BigDecimal.ZERO,
                Comparator.reverseOrder())
        .thenComparing(Recommendation::kind)
        .thenComparing(Recommendation::title);

    private final Headroom headroom;

    private final CostReports costs;

    private final Clock clock;

    Insights(Headroom headroom, CostReports costs, Clock clock) {
        this.headroom = headroom;
        this.costs = costs;
        this.clock = clock;
    }

    /** Recommendations from the last {@code lookback} of data. */
    public Report recommendations(Duration lookback) {
        if (lookback.compareTo(Duration.ofHours(1)) < 0 || lookback.compareTo(MAX_LOOKBACK) > 0) {
            throw new dev.lambdalens.InvalidFieldException("days", "the look-back is 1 to 15 days");
        }
        Instant to = this.clock.instant();
        Instant from = to.minus(lookback);
        String range = (lookback.toHours() % 24 == 0) ? lookback.toDays() + " d" : lookback.toHours() + " h";
        Headroom.Report report = this.headroom.over(from, to);
        CostReports.RunRate rate = this.costs.monthlyRunRate();
        List<Recommendation> found = new ArrayList<>();
        report.regions().forEach((region) -> found.addAll(Recommender.forRegion(region, range)));
        List<String> withoutInsights = new ArrayList<>();
        for (FunctionHeadroom h : report.functions()) {
            FunctionRef ref = new FunctionRef(h.function().account(), h.function().region(), h.function().name());
            found.addAll(Recommender.forFunction(h, report.region(ref.account(), ref.region()), rate.functions().get(ref),
                    rate.method(), range));
            if (h.usedMemoryMaxMb() == null) {
                withoutInsights.add(ref.region() + "/" + ref.name());
            }
        }
        found.sort(BY_IMPACT);
        return new Report(from, to, found, withoutInsights);
    }

    /**
     * @param withoutInsights functions with no Lambda Insights data in the range: their memory cannot be right-sized
     */
    public record Report(Instant from, Instant to, List<Recommendation> recommendations, List<String> withoutInsights) {

        public BigDecimal monthlySaving() {
            return this.recommendations.stream()
                .map(Recommendation::monthlySaving)
                .filter((s) -> s != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }
}
