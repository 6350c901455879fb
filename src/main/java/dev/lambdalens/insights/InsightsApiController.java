package dev.lambdalens.insights;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.lambdalens.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class InsightsApiController {

    private final Insights insights;

    private final Headroom headroom;

    private final java.time.Clock clock;

    InsightsApiController(Insights insights, Headroom headroom, java.time.Clock clock) {
        this.insights = insights;
        this.headroom = headroom;
        this.clock = clock;
    }

    @GetMapping("/api/v1/insights")
    @Operation(summary = "Recommendations ranked by impact, each with its evidence and, where it saves money, the "
            + "monthly saving")
    Insights.Report insights(@Parameter(description = "look-back in days, 1 to 15")
    @RequestParam(defaultValue = "14") int days) {
        if (days < 1 || days > 15) {
            throw new InvalidFieldException("days", "must be between 1 and 15");
        }
        return this.insights.recommendations(Duration.ofDays(days));
    }

    @GetMapping("/api/v1/headroom")
    @Operation(summary = "Headroom against Lambda's limits per account and region and per function over [from, to)")
    Headroom.Report headroom(
            @Parameter(description = "ISO-8601 instant, default 14 days ago")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @Parameter(description = "ISO-8601 instant, default now")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to) {
        Instant end = (to != null) ? to : this.clock.instant();
        Instant start = (from != null) ? from : end.minus(Duration.ofDays(14));
        if (!end.isAfter(start)) {
            throw new InvalidFieldException("to", "must be after from");
        }
        if (ChronoUnit.DAYS.between(start, end) > 455) {
            throw new InvalidFieldException("from", "a range is at most 455 days");
        }
        return this.headroom.over(start, end);
    }
}
