package dev.lambdalens.insights;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.FunctionRef;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Headroom over a range, from the stored series and the inventory: one query per figure for every function and
 * region together.
 */
@Service
public class Headroom {

    private final SeriesQueries queries;

    private final Inventory inventory;

    Headroom(SeriesQueries queries, Inventory inventory) {
        this.queries = queries;
        this.inventory = inventory;
    }

    /** Every account and region, and every active function, over [from, to). */
    public Report over(Instant from, Instant to) {
        List<FunctionSummary> functions = this.inventory.functions()
            .stream()
            .filter((f) -> f.state() == FunctionState.ACTIVE)
            .toList();
        Map<FunctionRef, Double> invocations = perFunction(LambdaMetric.INVOCATIONS, Statistic.SUM, from, to);
        Map<FunctionRef, Double> errors = perFunction(LambdaMetric.ERRORS, Statistic.SUM, from, to);
        Map<FunctionRef, Double> throttles = perFunction(LambdaMetric.THROTTLES, Statistic.SUM, from, to);
        Map<FunctionRef, Double> concurrency = perFunction(LambdaMetric.CONCURRENT_EXECUTIONS, Statistic.MAXIMUM, from,
                to);
        Map<FunctionRef, Double> p99 = perFunction(LambdaMetric.DURATION, Statistic.P99, from, to);
        Map<FunctionRef, Double> max = perFunction(LambdaMetric.DURATION, Statistic.MAXIMUM, from, to);
        Map<FunctionRef, Double> memory = perFunction(LambdaMetric.USED_MEMORY_MAX, Statistic.MAXIMUM, from, to);
        Map<FunctionRef, Double> reported = perFunction(LambdaMetric.REPORTED_INVOCATIONS, Statistic.SUM, from, to);
        Map<FunctionRef, Double> cold = perFunction(LambdaMetric.COLD_STARTS, Statistic.SUM, from, to);
        Map<FunctionRef, Double> used = perFunction(LambdaMetric.MAX_MEMORY_USED, Statistic.MAXIMUM, from, to);
        Map<FunctionRef, Double> init = perFunction(LambdaMetric.INIT_DURATION, Statistic.P99, from, to);
        List<FunctionHeadroom> perFunction = new ArrayList<>();
        for (FunctionSummary f : functions) {
            FunctionRef ref = new FunctionRef(f.account(), f.region(), f.name());
            perFunction.add(new FunctionHeadroom(f, invocations.getOrDefault(ref, 0.0), errors.getOrDefault(ref, 0.0),
                    throttles.getOrDefault(ref, 0.0), concurrency.get(ref), p99.get(ref), max.get(ref),
                    memory.get(ref), logs(reported.get(ref), cold.get(ref), used.get(ref), init.get(ref))));
        }
        Map<FunctionRef, Double> claimed = this.queries.perAccount(LambdaMetric.CLAIMED_ACCOUNT_CONCURRENCY,
                Statistic.MAXIMUM, from, to);
        Map<FunctionRef, Double> concurrent = this.queries.perAccount(LambdaMetric.CONCURRENT_EXECUTIONS,
                Statistic.MAXIMUM, from, to);
        Map<FunctionRef, Double> unreserved = this.queries.perAccount(LambdaMetric.UNRESERVED_CONCURRENT_EXECUTIONS,
                Statistic.MAXIMUM, from, to);
        Set<FunctionRef> regions = new TreeSet<>(Comparator.comparing(FunctionRef::account)
            .thenComparing(FunctionRef::region));
        functions.forEach((f) -> regions.add(new FunctionRef(f.account(), f.region(), "")));
        regions.addAll(concurrent.keySet());
        List<RegionHeadroom> perRegion = new ArrayList<>();
        for (FunctionRef region : regions) {
            perRegion.add(region(region, functions, claimed, concurrent, unreserved));
        }
        return new Report(from, to, perRegion, perFunction);
    }

    /** One account and region's headroom over [from, to), for a single function's recommendations. */
    public RegionHeadroom region(String account, String region, Instant from, Instant to) {
        List<FunctionSummary> functions = this.inventory.functions()
            .stream()
            .filter((f) -> f.state() == FunctionState.ACTIVE && f.account().equals(account)
                    && f.region().equals(region))
            .toList();
        return region(new FunctionRef(account, region, ""), functions,
                this.queries.perAccount(LambdaMetric.CLAIMED_ACCOUNT_CONCURRENCY, Statistic.MAXIMUM, from, to),
                this.queries.perAccount(LambdaMetric.CONCURRENT_EXECUTIONS, Statistic.MAXIMUM, from, to),
                this.queries.perAccount(LambdaMetric.UNRESERVED_CONCURRENT_EXECUTIONS, Statistic.MAXIMUM, from, to));
    }

    private RegionHeadroom region(FunctionRef region, List<FunctionSummary> functions, Map<FunctionRef, Double> claimed,
            Map<FunctionRef, Double> concurrent, Map<FunctionRef, Double> unreserved) {
        AccountLimits limits = this.inventory.limits(region.account(), region.region()).orElse(null);
        int reservedSum = functions.stream()
            .filter((f) -> f.account().equals(region.account()) && f.region().equals(region.region()))
            .map(FunctionSummary::reservedConcurrency)
            .filter((r) -> r != null)
            .mapToInt(Integer::intValue)
            .sum();
        Integer limit = (limits != null) ? limits.concurrencyLimit() : null;
        Integer unreservedLimit = (limits != null) ? limits.unreservedConcurrencyLimit() : null;
        Double peakUnreserved = unreserved.get(region);
        return new RegionHeadroom(region.account(), region.region(), limit, unreservedLimit,
                claimed.get(region), concurrent.get(region), peakUnreserved, reservedSum,
                (unreservedLimit != null && peakUnreserved != null) ? unreservedLimit - peakUnreserved : null,
                (unreservedLimit != null) ? Math.max(0, unreservedLimit - 100) : null);
    }

    /** One function's headroom over [from, to), if it is known: one small query per figure. */
    public Optional<FunctionHeadroom> of(FunctionSummary f, Instant from, Instant to) {
        return Optional.of(new FunctionHeadroom(f, figure(f, LambdaMetric.INVOCATIONS, Statistic.SUM, from, to, 0.0),
                figure(f, LambdaMetric.ERRORS, Statistic.SUM, from, to, 0.0),
                figure(f, LambdaMetric.THROTTLES, Statistic.SUM, from, to, 0.0),
                figure(f, LambdaMetric.CONCURRENT_EXECUTIONS, Statistic.MAXIMUM, from, to, null),
                figure(f, LambdaMetric.DURATION, Statistic.P99, from, to, null),
                figure(f, LambdaMetric.DURATION, Statistic.MAXIMUM, from, to, null),
                figure(f, LambdaMetric.USED_MEMORY_MAX, Statistic.MAXIMUM, from, to, null),
                logs(figure(f, LambdaMetric.REPORTED_INVOCATIONS, Statistic.SUM, from, to, null),
                        figure(f, LambdaMetric.COLD_STARTS, Statistic.SUM, from, to, null),
                        figure(f, LambdaMetric.MAX_MEMORY_USED, Statistic.MAXIMUM, from, to, null),
                        figure(f, LambdaMetric.INIT_DURATION, Statistic.P99, from, to, null))));
    }

    private static FunctionHeadroom.@Nullable FromLogs logs(@Nullable Double reported, @Nullable Double cold,
            @Nullable Double used, @Nullable Double initP99) {
        return (reported == null || reported <= 0) ? null
                : new FunctionHeadroom.FromLogs(reported, (cold != null) ? cold : 0, used, initP99);
    }

    private @Nullable Double figure(FunctionSummary f, LambdaMetric metric, Statistic statistic, Instant from,
            Instant to, @Nullable Double none) {
        return this.queries.figure(SeriesKey.ofFunction(f.account(), f.region(), f.name(), metric, statistic), from, to)
            .orElse(none);
    }

    private Map<FunctionRef, Double> perFunction(LambdaMetric metric, Statistic statistic, Instant from, Instant to) {
        return this.queries.perFunction(metric, statistic, from, to);
    }

    /** Headroom of every account and region and every active function over [from, to). */
    public record Report(Instant from, Instant to, List<RegionHeadroom> regions, List<FunctionHeadroom> functions) {

        public @Nullable RegionHeadroom region(String account, String region) {
            return this.regions.stream()
                .filter((r) -> r.account().equals(account) && r.region().equals(region))
                .findFirst()
                .orElse(null);
        }
    }
}
