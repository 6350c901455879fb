package dev.lambdalens.insights;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lambdalens.cost.CostLedger;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.inventory.ProvisionedAllocation;
import dev.lambdalens.metrics.FunctionRef;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;

import org.springframework.stereotype.Component;

/**
 * Reads how the provisioned concurrency allocated now was used: one query per figure for every alias and version
 * together, the utilization over the last 7 days whatever the range (a reduction is judged on a whole week, weekly
 * peaks included).
 */
@Component
class ProvisionedUsage {

    static final Duration WEEK = Duration.ofDays(7);

    private final SeriesQueries queries;

    private final Inventory inventory;

    private final CostLedger ledger;

    ProvisionedUsage(SeriesQueries queries, Inventory inventory, CostLedger ledger) {
        this.queries = queries;
        this.inventory = inventory;
        this.ledger = ledger;
    }

    /** Every alias and version with provisioned concurrency allocated at {@code to}, with its use over [from, to). */
    List<ProvisionedUse> over(Instant from, Instant to) {
        List<ProvisionedAllocation> allocations = this.inventory.provisionedAllocations(to.minusSeconds(1), to)
            .stream()
            .filter((a) -> a.lastsAt(to.minusSeconds(1)))
            .toList();
        if (allocations.isEmpty()) {
            return List.of();
        }
        Instant weekFrom = to.minus(WEEK);
        Map<FunctionRef, List<Point>> utilization = this.queries.readAll(
                LambdaMetric.PROVISIONED_CONCURRENCY_UTILIZATION, Statistic.MAXIMUM, false, weekFrom, to, 3_600);
        Map<FunctionRef, Double> executions = this.queries.perFunction(LambdaMetric.PROVISIONED_CONCURRENT_EXECUTIONS,
                Statistic.MAXIMUM, weekFrom, to);
        Map<FunctionRef, Double> invocations = this.queries.perFunction(
                LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS, Statistic.SUM, from, to);
        Map<FunctionRef, Double> spillover = this.queries.perFunction(
                LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, Statistic.SUM, from, to);
        List<ProvisionedUse> uses = new ArrayList<>();
        for (ProvisionedAllocation a : allocations) {
            FunctionRef ref = new FunctionRef(a.account(), a.region(), a.function() + ":" + a.qualifier());
            List<Point> days = utilization.getOrDefault(ref, List.of());
            Double peak = days.stream().map(Point::value).max(Double::compare).orElse(null);
            Instant since = days.stream()
                .map((p) -> Instant.ofEpochSecond(p.epochSecond()))
                .min(Instant::compareTo)
                .orElse(null);
            uses.add(new ProvisionedUse(a.account(), a.region(), a.function(), a.qualifier(), a.allocated(),
                    a.memoryMb(), a.from(), peak, executions.get(ref), since, invocations.getOrDefault(ref, 0.0),
                    spillover.getOrDefault(ref, 0.0),
                    this.ledger.prices().in(a.region()).provisionedGbSecond().doubleValue()));
        }
        return uses;
    }
}
