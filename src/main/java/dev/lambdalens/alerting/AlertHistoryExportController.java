package dev.lambdalens.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.export.Exports;
import dev.lambdalens.metrics.Instants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alerts/history}: every alert state change of a time range, oldest first, as JSON or CSV, for a
 * post-incident review or a report.
 */
@RestController
class AlertHistoryExportController {

    static final Duration MAX_RANGE = Duration.ofDays(400);

    private final AlertTransitionRepository transitions;

    private final AlertRepository alerts;

    private final AlertRuleRepository rules;

    private final Clock clock;

    AlertHistoryExportController(AlertTransitionRepository transitions, AlertRepository alerts,
            AlertRuleRepository rules, Clock clock) {
        this.transitions = transitions;
        this.alerts = alerts;
        this.rules = rules;
        this.clock = clock;
    }

    @GetMapping("/api/v1/alerts/history")
    @Transactional(readOnly = true)
    @Operation(summary = "Every alert state change in [from, to), oldest first, as JSON or CSV",
            description = "format=csv or Accept: text/csv for CSV with a header line. Default: the last 30 days.")
    ResponseEntity<?> history(
            @Parameter(description = "ISO-8601 or epoch seconds (default: 30 days ago)")
            @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "ISO-8601 or epoch seconds, excluded (default: now)")
            @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "csv or json (default: by the Accept header, else json)")
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        Instant end = (to != null) ? Instants.parse("to", to) : this.clock.instant().plusSeconds(1);
        Instant start = (from != null) ? Instants.parse("from", from) : end.minus(Duration.ofDays(30));
        if (!end.isAfter(start)) {
            throw new InvalidFieldException("to", "must be after from (" + start + "); to is excluded");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new InvalidFieldException("to", "a range is at most " + MAX_RANGE.toDays() + " days");
        }
        Map<Long, Alert> byId = this.alerts.findAll()
            .stream()
            .collect(Collectors.toMap(Alert::id, Function.identity()));
        Map<Long, AlertRule> rulesById = this.rules.findAll()
            .stream()
            .collect(Collectors.toMap(AlertRule::id, Function.identity()));
        List<StateChange> rows = this.transitions.findByAtGreaterThanEqualAndAtLessThanOrderByAtAscIdAsc(start, end)
            .stream()
            .filter((t) -> byId.containsKey(t.alertId()))
            .map((t) -> StateChange.of(t, byId.get(t.alertId()), rulesById.get(byId.get(t.alertId()).ruleId())))
            .toList();
        return Exports.answer(format, accept, "lambdalens-alert-history", StateChange.class, rows);
    }

    /** One state change of one alert. */
    @JsonPropertyOrder({ "at", "alertId", "rule", "severity", "account", "region", "function", "from", "to",
            "reason", "qualifier" })
    record StateChange(Instant at, long alertId, String rule, String severity, String account, String region,
            String function, String from, String to, String reason, @Nullable String qualifier) {

        static StateChange of(AlertTransition transition, Alert alert, @Nullable AlertRule rule) {
            AlertTarget target = alert.target();
            return new StateChange(transition.at(), transition.alertId(),
                    (rule != null) ? rule.definition().name() : "", (rule != null)
                            ? rule.definition().severity().name() : "", target.account(), target.region(),
                    target.functionName(), transition.fromState().name(), transition.toState().name(),
                    transition.reason(), target.qualifier());
        }
    }
}
