package dev.lambdalens.web;

import java.time.Duration;

import dev.lambdalens.collector.CollectorStatus;

import java.time.Clock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.lambdalens.cost.CostGrouping;
import dev.lambdalens.cost.CostReport;
import dev.lambdalens.cost.CostReports;
import dev.lambdalens.alerting.AlertBoard;
import dev.lambdalens.insights.Headroom;
import dev.lambdalens.insights.Insights;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.FunctionTriggers;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.logs.ErrorGroupBoard;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The function page: every stored metric of one function over a chosen range, and its configuration.
 */
@Controller
class FunctionPageController {

    /** How far back the headroom panel looks: about CloudWatch's 15 days of 1-minute data. */
    private static final java.time.Duration HEADROOM_RANGE = java.time.Duration.ofDays(14);

    private final FunctionLookup lookup;

    private final RecentFigures figures;

    private final Charts charts;

    private final Clock clock;

    private final Headroom headroom;

    private final CostReports costs;

    private final SeriesQueries series;

    private final ErrorGroupBoard errors;

    private final AlertBoard alerts;

    private final Insights insights;

    private final CollectorStatus collector;

    private final FunctionChanges changes;

    private final TriggerPanel triggers;

    private final RolloutPanel rollouts;

    private final Inventory inventory;

    FunctionPageController(FunctionLookup lookup, RecentFigures figures, Charts charts, Clock clock, Headroom headroom,
            CostReports costs, SeriesQueries series, ErrorGroupBoard errors, AlertBoard alerts, Insights insights,
            CollectorStatus collector, FunctionChanges changes, TriggerPanel triggers, RolloutPanel rollouts,
            Inventory inventory) {
        this.inventory = inventory;
        this.changes = changes;
        this.rollouts = rollouts;
        this.triggers = triggers;
        this.alerts = alerts;
        this.insights = insights;
        this.collector = collector;
        this.series = series;
        this.errors = errors;
        this.headroom = headroom;
        this.costs = costs;
        this.lookup = lookup;
        this.figures = figures;
        this.charts = charts;
        this.clock = clock;
    }

    @GetMapping("/functions/{region}/{name}")
    String function(@PathVariable String region, @PathVariable String name,
            @RequestParam(required = false) @Nullable String account,
            @RequestParam(defaultValue = "24h") String range, Model model) {
        ChartRange chartRange = ChartRange.fromLabel(range)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "range must be one of 1h, 6h, 24h, 7d, 30d"));
        FunctionSummary function = this.lookup.find(region, name, account);
        Instant to = this.clock.instant();
        Instant from = to.minus(chartRange.duration());
        model.addAttribute("function", function);
        model.addAttribute("figures", this.figures.rows(List.of(function)).get(0).lastHour());
        model.addAttribute("range", chartRange);
        model.addAttribute("ranges", ChartRange.values());
        List<Chart> charts = charts(function, from, to);
        if (this.series.exists(SeriesKey.ofFunction(function.account(), function.region(), function.name(),
                LambdaMetric.REPORTED_INVOCATIONS, Statistic.SUM))) {
            charts.addAll(logCharts(function, from, to));
        }
        // a function's series are read every few minutes, not every minute: their last stored minutes may be partial
        Duration fetchedEvery = this.collector.functionInterval();
        // every chart of the page marks the function's changes, whatever it shows
        FunctionChanges.Panel changes = this.changes.of(function);
        model.addAttribute("changes", changes);
        model.addAttribute("charts", this.charts.render(charts.stream()
            .map((c) -> c.fetchedEvery(fetchedEvery).markedAt(changes.marks()))
            .toList()));
        FunctionTriggers known = this.inventory.triggers(function.account(), function.region(), function.name());
        model.addAttribute("triggers", this.triggers.of(function, known, from, to, fetchedEvery));
        model.addAttribute("rollouts", this.rollouts.of(function, known, from, to, fetchedEvery));
        model.addAttribute("errorGroups", this.errors.ofFunction(function.account(), function.region(),
                function.name(), 20));
        model.addAttribute("headroom", this.headroom.of(function, to.minus(HEADROOM_RANGE), to).orElse(null));
        model.addAttribute("alerts", this.alerts.ofFunction(function.account(), function.region(), function.name()));
        model.addAttribute("recommendations", this.insights.forFunction(function, HEADROOM_RANGE));
        LocalDate today = this.costs.today();
        model.addAttribute("cost", this.costs.report(today.withDayOfMonth(1), today.plusDays(1), CostGrouping.FUNCTION, null)
            .groups()
            .stream()
            .filter((g) -> function.name().equals(g.function()) && function.region().equals(g.region())
                    && function.account().equals(g.account()))
            .map(CostReport.Group::cost)
            .reduce(BigDecimal.ZERO, BigDecimal::add));
        return "function";
    }

    private static List<Chart> charts(FunctionSummary f, Instant from, Instant to) {
        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart("Invocations, errors and throttles", "per step",
                List.of(line(f, "Invocations", "Invocations", "Sum"), line(f, "Errors", "Errors", "Sum"),
                        line(f, "Throttles", "Throttles", "Sum")),
                from, to, null, null));
        Integer reserved = f.reservedConcurrency();
        charts.add(new Chart("Concurrent executions", "executions",
                List.of(line(f, "ConcurrentExecutions", "ConcurrentExecutions", "Maximum")), from, to,
                (reserved != null) ? reserved.doubleValue() : null,
                (reserved != null) ? "reserved concurrency" : null));
        charts.add(new Chart("Duration", "ms",
                List.of(line(f, "Average", "Duration", "Average"), line(f, "p99", "Duration", "p99"),
                        line(f, "Maximum", "Duration", "Maximum")),
                from, to, f.timeoutSeconds() * 1000.0, "timeout"));
        charts.add(new Chart("Billed duration (Duration Sum)", "ms per step",
                List.of(line(f, "Duration Sum", "Duration", "Sum")), from, to, null, null));
        if (f.lambdaInsights()) {
            charts.add(new Chart("Memory used (Lambda Insights)", "MB",
                    List.of(line(f, "used_memory_max", "used_memory_max", "Maximum")), from, to, (double) f.memoryMb(),
                    "configured memory"));
        }
        return charts;
    }

    /** The figures read from REPORT lines, for functions whose logs are read. */
    private static List<Chart> logCharts(FunctionSummary f, Instant from, Instant to) {
        return List.of(
                new Chart("Cold starts (REPORT lines)", "per step",
                        List.of(line(f, "Reported invocations", "ReportedInvocations", "Sum"),
                                line(f, "Cold starts", "ColdStarts", "Sum")),
                        from, to, null, null),
                new Chart("INIT duration (REPORT lines)", "ms",
                        List.of(line(f, "Maximum", "InitDuration", "Maximum"), line(f, "p99", "InitDuration", "p99")),
                        from, to, null, null),
                new Chart("Max memory used (REPORT lines)", "MB",
                        List.of(line(f, "Max memory used", "MaxMemoryUsed", "Maximum")), from, to,
                        (double) f.memoryMb(), "memory size"),
                new Chart("Billed duration (REPORT lines)", "ms per step",
                        List.of(line(f, "Billed duration", "BilledDuration", "Sum")), from, to, null, null),
                new Chart("Timeouts, out-of-memory kills and logged errors", "per step",
                        List.of(line(f, "Timeouts", "Timeouts", "Sum"), line(f, "Out of memory", "OutOfMemoryKills", "Sum"),
                                line(f, "Logged errors", "LoggedErrors", "Sum")),
                        from, to, null, null));
    }

    private static ChartLine line(FunctionSummary f, String label, String metric, String statistic) {
        return new ChartLine(label, f.account(), f.region(), f.name(), metric, statistic);
    }
}
