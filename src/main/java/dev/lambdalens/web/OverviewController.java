package dev.lambdalens.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.lambdalens.alerting.AlertBoard;
import dev.lambdalens.cost.Budgets;
import dev.lambdalens.cost.CostGrouping;
import dev.lambdalens.cost.CostReports;
import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesData;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.metrics.Steps;
import org.jspecify.annotations.Nullable;

import dev.lambdalens.InvalidFieldException;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The overview: per region, account concurrency against the limit and the traffic of the last day; below, every
 * function with its last hour's figures.
 */
@Controller
class OverviewController {

    private static final Duration CHART_RANGE = Duration.ofHours(24);

    /** Firing alerts listed on the overview: the most important ones, the rest a link away on the alerts page. */
    static final int FIRING_SHOWN = 10;

    private final RecentFigures figures;

    private final Inventory inventory;

    private final SeriesQueries queries;

    private final Charts charts;

    private final Clock clock;

    private final AlertBoard alerts;

    private final CostReports costs;

    private final Budgets budgets;

    private final dev.lambdalens.insights.Insights insights;

    private final RisingSignals rising;

    OverviewController(RecentFigures figures, Inventory inventory, SeriesQueries queries, Charts charts, Clock clock,
            AlertBoard alerts, CostReports costs, Budgets budgets, dev.lambdalens.insights.Insights insights,
            RisingSignals rising) {
        this.rising = rising;
        this.insights = insights;
        this.alerts = alerts;
        this.costs = costs;
        this.budgets = budgets;
        this.figures = figures;
        this.inventory = inventory;
        this.queries = queries;
        this.charts = charts;
        this.clock = clock;
    }

    @GetMapping("/")
    String overview(@RequestParam(required = false) @Nullable String search,
            @RequestParam(required = false) @Nullable String region, @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String dir, @RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String limit, Model model) {
        FunctionTable.Query query;
        try {
            query = FunctionTable.Query.of(search, region, sort, dir, page, limit);
        }
        catch (InvalidFieldException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
        }
        Instant to = this.clock.instant();
        List<FunctionRow> rows = this.figures.lastHour();
        Map<String, List<FunctionRow>> byRegion = new TreeMap<>();
        rows.forEach((row) -> byRegion
            .computeIfAbsent(row.function().account() + "/" + row.function().region(), (k) -> new ArrayList<>())
            .add(row));
        List<RegionView> regions = new ArrayList<>();
        byRegion.values().forEach((regionRows) -> {
            String account = regionRows.get(0).function().account();
            String panelRegion = regionRows.get(0).function().region();
            Integer concurrencyLimit = this.inventory.limits(account, panelRegion)
                .map(AccountLimits::concurrencyLimit)
                .orElse(null);
            long active = regionRows.stream().filter((r) -> r.function().state() == FunctionState.ACTIVE).count();
            Point peak = peakConcurrency(account, panelRegion, to);
            RegionPanel panel = new RegionPanel(account, panelRegion, concurrencyLimit,
                    (peak != null) ? peak.value() : null,
                    (peak != null) ? Instant.ofEpochSecond(peak.epochSecond()) : null, (int) active);
            regions.add(new RegionView(panel,
                    this.charts.render(regionCharts(account, panelRegion, concurrencyLimit, to))));
        });
        model.addAttribute("regions", regions);
        OverviewRow.Formatter formatter = new OverviewRow.Formatter(LocaleContextHolder.getLocale());
        FunctionTable.Page table = FunctionTable.page(rows, query);
        model.addAttribute("rows", table.rows().stream().map(formatter::row).toList());
        model.addAttribute("table", table);
        model.addAttribute("query", query);
        model.addAttribute("tableRegions", byRegion.values()
            .stream()
            .map((regionRows) -> regionRows.get(0).function().region())
            .distinct()
            .sorted()
            .toList());
        model.addAttribute("headers", FunctionTableLinks.headers(query));
        model.addAttribute("pages", FunctionTableLinks.pages(table));
        // stream lag, event age or drops rising: one grouped query per signal, looked up per row by the template
        model.addAttribute("rising", this.rising.now());
        AlertBoard.Firing firing = this.alerts.firing(FIRING_SHOWN);
        model.addAttribute("firing", firing.alerts());
        model.addAttribute("firingCount", firing.total());
        model.addAttribute("monthToDate", this.costs.monthToDate(CostGrouping.REGION, null).total());
        model.addAttribute("budgets", this.budgets.all());
        // "what to change first": the few recommendations that matter most, the rest on the insights page
        model.addAttribute("changeFirst", this.insights.top(3));
        return "overview";
    }

    private @Nullable Point peakConcurrency(String account, String region, Instant to) {
        SeriesKey key = SeriesKey.ofAccount(account, region, LambdaMetric.CONCURRENT_EXECUTIONS, Statistic.MAXIMUM);
        SeriesData data = this.queries.read(key, to.minus(RecentFigures.LAST_HOUR), to, Steps.NATIVE_SECONDS);
        Point peak = null;
        for (Point point : data.points()) {
            if (peak == null || point.value() > peak.value()) {
                peak = point;
            }
        }
        return peak;
    }

    private List<Chart> regionCharts(String account, String region, @Nullable Integer limit, Instant to) {
        Instant from = to.minus(CHART_RANGE);
        Chart concurrency = new Chart("Account concurrency", "executions",
                List.of(new ChartLine("ConcurrentExecutions", account, region, null, "ConcurrentExecutions", "Maximum"),
                        new ChartLine("ClaimedAccountConcurrency", account, region, null, "ClaimedAccountConcurrency",
                                "Maximum")),
                from, to, (limit != null) ? limit.doubleValue() : null, (limit != null) ? "account limit" : null);
        Chart traffic = new Chart("Invocations, errors and throttles", "per step",
                List.of(new ChartLine("Invocations", account, region, null, "Invocations", "Sum"),
                        new ChartLine("Errors", account, region, null, "Errors", "Sum"),
                        new ChartLine("Throttles", account, region, null, "Throttles", "Sum")),
                from, to, null, null);
        return List.of(concurrency, traffic);
    }

    /** A region's panel and its rendered charts. */
    record RegionView(RegionPanel panel, List<Charts.RenderedChart> charts) {
    }
}
