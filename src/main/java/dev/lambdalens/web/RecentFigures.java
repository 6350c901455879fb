package dev.lambdalens.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.FunctionRef;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Joins the inventory with each function's figures over the last hour: five grouped queries for all functions
 * together, not five per function.
 */
@Component
class RecentFigures {

    static final Duration LAST_HOUR = Duration.ofHours(1);

    private final Inventory inventory;

    private final SeriesQueries queries;

    private final Clock clock;

    RecentFigures(Inventory inventory, SeriesQueries queries, Clock clock) {
        this.inventory = inventory;
        this.queries = queries;
        this.clock = clock;
    }

    List<FunctionRow> lastHour() {
        return rows(this.inventory.functions());
    }

    List<FunctionRow> rows(List<FunctionSummary> functions) {
        Instant to = this.clock.instant();
        Instant from = to.minus(LAST_HOUR);
        // one function's page reads its own region, not every function LambdaLens knows
        String account = (functions.stream().map(FunctionSummary::account).distinct().count() == 1)
                ? functions.get(0).account() : null;
        String region = (functions.stream().map(FunctionSummary::region).distinct().count() == 1)
                ? functions.get(0).region() : null;
        Scope scope = new Scope(from, to, account, region);
        Map<FunctionRef, Double> invocations = figure(LambdaMetric.INVOCATIONS, Statistic.SUM, scope);
        Map<FunctionRef, Double> errors = figure(LambdaMetric.ERRORS, Statistic.SUM, scope);
        Map<FunctionRef, Double> throttles = figure(LambdaMetric.THROTTLES, Statistic.SUM, scope);
        Map<FunctionRef, Double> concurrency = figure(LambdaMetric.CONCURRENT_EXECUTIONS, Statistic.MAXIMUM, scope);
        Map<FunctionRef, Double> p99 = figure(LambdaMetric.DURATION, Statistic.P99, scope);
        return functions.stream().map((function) -> {
            FunctionRef ref = new FunctionRef(function.account(), function.region(), function.name());
            Double p99Ms = p99.get(ref);
            Double share = (p99Ms != null) ? p99Ms / (function.timeoutSeconds() * 1000.0) : null;
            return new FunctionRow(function, new FunctionFigures(invocations.get(ref), errors.get(ref),
                    throttles.get(ref), concurrency.get(ref), p99Ms, share));
        }).toList();
    }

    private Map<FunctionRef, Double> figure(LambdaMetric metric, Statistic statistic, Scope scope) {
        return this.queries.perFunction(metric, statistic, scope.from(), scope.to(), scope.account(), scope.region());
    }

    /** The range, and the account and region when every row shares them. */
    private record Scope(Instant from, Instant to, @Nullable String account, @Nullable String region) {
    }
}
