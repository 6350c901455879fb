package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lambdalens.export.Exports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/costs/daily}: the cost of every function on every UTC day, for a spreadsheet (CSV) or a tool
 * (JSON): the same figures as {@code /api/v1/costs}, one row per function and day.
 */
@RestController
class CostExportsController {

    private final CostReports reports;

    CostExportsController(CostReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/costs/daily")
    @Operation(summary = "The cost of each function on each UTC day of [from, to), as JSON or CSV",
            description = "format=csv or Accept: text/csv for CSV with a header line. Defaults to this month so far.")
    ResponseEntity<?> daily(
            @Parameter(description = "first day, ISO date (default: the first of this month)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @Parameter(description = "day after the last, ISO date (default: tomorrow)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @Parameter(description = "csv or json (default: by the Accept header, else json)")
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        LocalDate today = this.reports.today();
        LocalDate start = (from != null) ? from : today.withDayOfMonth(1);
        LocalDate end = (to != null) ? to : today.plusDays(1);
        List<DailyCost> rows = this.reports.daily(start, end)
            .stream()
            .map(DailyCost::of)
            .sorted(Comparator.comparing(DailyCost::date)
                .thenComparing(DailyCost::account)
                .thenComparing(DailyCost::region)
                .thenComparing(DailyCost::function))
            .toList();
        return Exports.answer(format, accept, "lambdalens-cost-" + start + "-to-" + end, DailyCost.class, rows);
    }

    /** One function's cost on one UTC day, in USD. */
    @JsonPropertyOrder({ "date", "account", "region", "function", "architecture", "invocations", "gbSeconds",
            "requestCost", "computeCost", "ephemeralStorageCost", "cost", "provisionedCost" })
    record DailyCost(LocalDate date, String account, String region, String function, String architecture,
            long invocations, double gbSeconds, BigDecimal requestCost, BigDecimal computeCost,
            BigDecimal ephemeralStorageCost, BigDecimal cost, BigDecimal provisionedCost) {

        static DailyCost of(CostLine line) {
            return new DailyCost(line.day(), line.function().account(), line.function().region(),
                    line.function().name(), line.architecture().wireName(), Math.round(line.usage().requests()),
                    Math.round(line.usage().gbSeconds() * 1000) / 1000.0, CostReport.money(line.requestCost()),
                    CostReport.money(line.computeCost()), CostReport.money(line.ephemeralStorageCost()),
                    CostReport.money(line.total()), CostReport.money(line.provisionedCost()));
        }
    }
}
