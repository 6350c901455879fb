package dev.lambdalens.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.lambdalens.inventory.FunctionSummary;
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

    private final FunctionLookup lookup;

    private final RecentFigures figures;

    private final Charts charts;

    private final Clock clock;

    FunctionPageController(FunctionLookup lookup, RecentFigures figures, Charts charts, Clock clock) {
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
        model.addAttribute("charts", this.charts.render(charts(function, from, to)));
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
        return charts;
    }

    private static ChartLine line(FunctionSummary f, String label, String metric, String statistic) {
        return new ChartLine(label, f.account(), f.region(), f.name(), metric, statistic);
    }
}
