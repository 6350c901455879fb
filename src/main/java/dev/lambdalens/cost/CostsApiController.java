package dev.lambdalens.cost;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/costs")
class CostsApiController {

    private final CostReports reports;

    CostsApiController(CostReports reports) {
        this.reports = reports;
    }

    @GetMapping
    @Operation(summary = "Lambda cost of the UTC days [from, to), as the bill computes it",
            description = "Requests plus compute (Sum of Duration x memory at the time, by architecture) plus ephemeral "
                    + "storage, with the account's free tier and tiers shared out in proportion to use. Defaults to "
                    + "this month so far. The caveats say what the figures leave out.")
    CostReport costs(
            @Parameter(description = "first day, ISO date (default: the first of this month)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @Parameter(description = "day after the last, ISO date (default: tomorrow)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @Parameter(description = "function, region, tag or architecture")
            @RequestParam(defaultValue = "function") String groupBy,
            @Parameter(description = "with groupBy=tag, the tag key, such as team")
            @RequestParam(required = false) @Nullable String tag) {
        LocalDate today = this.reports.today();
        LocalDate start = (from != null) ? from : today.withDayOfMonth(1);
        LocalDate end = (to != null) ? to : today.plusDays(1);
        return this.reports.report(start, end, grouping(groupBy), tag);
    }

    static CostGrouping grouping(String groupBy) {
        try {
            return CostGrouping.valueOf(groupBy.trim().toUpperCase(java.util.Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new dev.lambdalens.InvalidFieldException("groupBy",
                    "'" + groupBy + "' is not one of function, region, tag, architecture");
        }
    }
}
