package dev.lambdalens.alerting;

import org.springframework.http.ResponseEntity;

import dev.lambdalens.Paging;

import java.time.Instant;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alerts}: every alert with its state, its history, and acknowledgement.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertsApiController {

    private final AlertRepository alerts;

    private final AlertRuleRepository rules;

    private final AlertTransitionRepository transitions;

    private final Clock clock;

    private final Acknowledgements acknowledgements;

    AlertsApiController(AlertRepository alerts, AlertRuleRepository rules, AlertTransitionRepository transitions,
            Clock clock, Acknowledgements acknowledgements) {
        this.acknowledgements = acknowledgements;
        this.alerts = alerts;
        this.rules = rules;
        this.transitions = transitions;
        this.clock = clock;
    }

    @GetMapping
    @Transactional(readOnly = true)
    @io.swagger.v3.oas.annotations.Operation(summary = "Alerts in pages, newest state first",
            description = "At most limit (default 100, up to 1,000) per page; the next page is linked in the Link "
                    + "header (rel=\"next\"), absent on the last page.")
    ResponseEntity<List<AlertResponse>> alerts(@RequestParam(required = false) @Nullable AlarmState state,
            @RequestParam(required = false) @Nullable Long rule, @RequestParam(required = false) @Nullable String account,
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable String function,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        int size = Paging.limit(limit);
        Instant since = Paging.END_OF_TIME;
        long after = Long.MAX_VALUE;
        if (cursor != null) {
            List<String> key = Paging.keyOf(cursor, 3);
            since = Instant.ofEpochSecond(Paging.number(key.get(0)), Paging.number(key.get(1)));
            after = Paging.number(key.get(2));
        }
        List<Alert> rows = this.alerts.page(state, rule, account, region, function,
                (function != null) ? AlertTarget.qualifiedLike(function) : null, since, after,
                org.springframework.data.domain.Limit.of(size + 1));
        Map<Long, AlertRule> byId = this.rules.findAllById(rows.stream().map(Alert::ruleId).distinct().toList())
            .stream()
            .collect(Collectors.toMap(AlertRule::id, Function.identity()));
        return Paging.page(rows, size, (a) -> Paging.cursorOf(a.stateSince().getEpochSecond(),
                a.stateSince().getNano(), a.id()),
                (a) -> AlertResponse.of(a, byId.get(a.ruleId())));
    }

    @GetMapping("/{id}/history")
    @Transactional(readOnly = true)
    ResponseEntity<List<AlertResponse.TransitionResponse>> history(@PathVariable long id,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        find(id);
        int size = Paging.limit(limit);
        Instant at = Paging.END_OF_TIME;
        long after = Long.MAX_VALUE;
        if (cursor != null) {
            List<String> key = Paging.keyOf(cursor, 3);
            at = Instant.ofEpochSecond(Paging.number(key.get(0)), Paging.number(key.get(1)));
            after = Paging.number(key.get(2));
        }
        List<AlertTransition> rows = this.transitions.page(id, instant("from", from, Instant.EPOCH),
                instant("to", to, Paging.END_OF_TIME), at, after,
                org.springframework.data.domain.Limit.of(size + 1));
        return Paging.page(rows, size, (t) -> Paging.cursorOf(t.at().getEpochSecond(), t.at().getNano(), t.id()),
                AlertResponse.TransitionResponse::of);
    }

    private static Instant instant(String field, @Nullable String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        }
        catch (java.time.format.DateTimeParseException ex) {
            throw new dev.lambdalens.InvalidFieldException(field, field + " must be an ISO-8601 instant such as "
                    + "2026-11-28T10:00:00Z, not " + value);
        }
    }

    @PostMapping("/{id}/ack")
    @Transactional
    AlertResponse acknowledge(@PathVariable long id, @Valid @RequestBody Acknowledgement ack) {
        Alert alert = find(id);
        if (alert.state() != AlarmState.ALARM) {
            throw new ErrorResponseException(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "Alert " + id + " is " + alert.state() + ": only an alert in ALARM can be acknowledged"), null);
        }
        this.acknowledgements.acknowledge(alert, Actor.current(ack.by()), ack.comment());
        return AlertResponse.of(alert, this.rules.findById(alert.ruleId()).orElseThrow());
    }

    private Alert find(long id) {
        return this.alerts.findById(id)
            .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No alert " + id), null));
    }

    /** Why an alert is acknowledged; who is the signed-in user or token ({@code by} counts only without one). */
    record Acknowledgement(@Size(max = 100) @Nullable String by, @Size(max = 1000) @Nullable String comment) {
    }
}
