package dev.lambdalens.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.lambdalens.collector.MetricsCollected;

import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.FunctionRef;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Joins the inventory with each function's figures over the last hour: five queries for all functions together, not
 * five per function. The figures of every function (the overview's table) are shared by every request until new
 * samples arrive in this instance, and at most {@link #REUSE_FOR} (which bounds how late another instance's
 * collection shows); while the overview is being looked at, they are read again as soon as samples arrive.
 */
@Component
class RecentFigures {

    static final Duration LAST_HOUR = Duration.ofHours(1);

    static final Duration REUSE_FOR = Duration.ofSeconds(30);

    /** How long after somebody looked at the overview its figures are kept ready. */
    static final Duration WATCHED_FOR = Duration.ofMinutes(5);

    private final Inventory inventory;

    private final SeriesQueries queries;

    private final Clock clock;

    private final RefreshAhead<Figures> everyFunction;

    RecentFigures(Inventory inventory, SeriesQueries queries, Clock clock) {
        this.inventory = inventory;
        this.queries = queries;
        this.clock = clock;
        this.everyFunction = new RefreshAhead<>("overview-figures",
                (now) -> figures(new Scope(now.minus(LAST_HOUR), now, null, null)), clock, REUSE_FOR, WATCHED_FOR);
    }

    /** Every function LambdaLens knows, with its last hour. */
    List<FunctionRow> lastHour() {
        return rows(this.inventory.functions(), this.everyFunction.get());
    }

    /** The given functions with their last hour, read now. */
    List<FunctionRow> rows(List<FunctionSummary> functions) {
        Instant to = this.clock.instant();
        // one function's page reads its own region, not every function LambdaLens knows
        String account = (functions.stream().map(FunctionSummary::account).distinct().count() == 1)
                ? functions.get(0).account() : null;
        String region = (functions.stream().map(FunctionSummary::region).distinct().count() == 1)
                ? functions.get(0).region() : null;
        return rows(functions, figures(new Scope(to.minus(LAST_HOUR), to, account, region)));
    }

    /** New samples: the figures of every function are read afresh on the next request. */
    @EventListener
    void on(MetricsCollected collected) {
        this.everyFunction.changed();
    }

    @PreDestroy
    void close() {
        this.everyFunction.close();
    }

    private static List<FunctionRow> rows(List<FunctionSummary> functions, Figures figures) {
        return functions.stream().map((function) -> {
            FunctionRef ref = new FunctionRef(function.account(), function.region(), function.name());
            Double p99Ms = figures.p99().get(ref);
            Double share = (p99Ms != null) ? p99Ms / (function.timeoutSeconds() * 1000.0) : null;
            Double reported = figures.reported().get(ref);
            Double cold = figures.coldStarts().get(ref);
            Double coldRate = (reported != null && reported > 0) ? ((cold != null) ? cold : 0) / reported : null;
            Double memory = figures.memoryShare().get(ref);
            return new FunctionRow(function, new FunctionFigures(figures.invocations().get(ref),
                    figures.errors().get(ref), figures.throttles().get(ref), figures.concurrency().get(ref), p99Ms,
                    share, coldRate, (memory != null) ? memory / 100 : null));
        }).toList();
    }

    private Figures figures(Scope scope) {
        return new Figures(figure(LambdaMetric.INVOCATIONS, Statistic.SUM, scope),
                figure(LambdaMetric.ERRORS, Statistic.SUM, scope), figure(LambdaMetric.THROTTLES, Statistic.SUM, scope),
                figure(LambdaMetric.CONCURRENT_EXECUTIONS, Statistic.MAXIMUM, scope),
                figure(LambdaMetric.DURATION, Statistic.P99, scope),
                figure(LambdaMetric.REPORTED_INVOCATIONS, Statistic.SUM, scope),
                figure(LambdaMetric.COLD_STARTS, Statistic.SUM, scope),
                figure(LambdaMetric.MEMORY_USED_SHARE, Statistic.MAXIMUM, scope));
    }

    private Map<FunctionRef, Double> figure(LambdaMetric metric, Statistic statistic, Scope scope) {
        return this.queries.perFunction(metric, statistic, scope.from(), scope.to(), scope.account(), scope.region());
    }

    /** The range, and the account and region when every row shares them. */
    private record Scope(Instant from, Instant to, @Nullable String account, @Nullable String region) {
    }

    /** The figures of the table, per function: five from CloudWatch, three from REPORT lines. */
    private record Figures(Map<FunctionRef, Double> invocations, Map<FunctionRef, Double> errors,
            Map<FunctionRef, Double> throttles, Map<FunctionRef, Double> concurrency, Map<FunctionRef, Double> p99,
            Map<FunctionRef, Double> reported, Map<FunctionRef, Double> coldStarts,
            Map<FunctionRef, Double> memoryShare) {
    }

}
