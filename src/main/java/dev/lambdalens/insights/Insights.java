package dev.lambdalens.insights;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.lambdalens.cost.CostReports;
import dev.lambdalens.inventory.FunctionSummary;
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

    private final ProvisionedUsage provisioned;

    private final Clock clock;

    Insights(Headroom headroom, CostReports costs, ProvisionedUsage provisioned, Clock clock) {
        this.headroom = headroom;
        this.costs = costs;
        this.provisioned = provisioned;
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
        this.provisioned.over(from, to).forEach((u) -> found.addAll(Recommender.forProvisioned(u, to, range)));
        found.sort(BY_IMPACT);
        return new Report(from, to, found, withoutInsights);
    }

    /** How long the overview's top recommendations are kept before they are worked out again. */
    static final Duration TOP_KEPT = Duration.ofMinutes(5);

    private volatile @org.jspecify.annotations.Nullable Top top;

    /**
     * The {@code count} recommendations that matter most over the last 14 days, for the overview's "what to change
     * first". Working them out reads every function's figures, so they are kept for 5 minutes: the overview is opened
     * (and refreshed) far more often than the evidence, 14 days of it, changes.
     */
    public List<Recommendation> top(int count) {
        Instant now = this.clock.instant();
        Top kept = this.top;
        if (kept == null || !now.isBefore(kept.at().plus(TOP_KEPT)) || now.isBefore(kept.at())) {
            kept = new Top(now, recommendations(Duration.ofDays(14)).recommendations());
            this.top = kept;
        }
        return kept.recommendations().stream().limit(count).toList();
    }

    /** One function's recommendations over the last {@code lookback}, ranked as the insights page ranks them. */
    public List<Recommendation> forFunction(FunctionSummary function, Duration lookback) {
        Instant to = this.clock.instant();
        Instant from = to.minus(lookback);
        String range = (lookback.toHours() % 24 == 0) ? lookback.toDays() + " d" : lookback.toHours() + " h";
        FunctionHeadroom figures = this.headroom.of(function, from, to).orElse(null);
        if (figures == null) {
            return List.of();
        }
        CostReports.RunRate rate = this.costs.monthlyRunRate();
        List<Recommendation> found = new ArrayList<>(Recommender.forFunction(figures,
                this.headroom.region(function.account(), function.region(), from, to),
                rate.functions().get(new FunctionRef(function.account(), function.region(), function.name())),
                rate.method(), range));
        this.provisioned.over(from, to)
            .stream()
            .filter((u) -> u.account().equals(function.account()) && u.region().equals(function.region())
                    && u.function().equals(function.name()))
            .forEach((u) -> found.addAll(Recommender.forProvisioned(u, to, range)));
        found.sort(BY_IMPACT);
        return found;
    }

    private record Top(Instant at, List<Recommendation> recommendations) {
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
