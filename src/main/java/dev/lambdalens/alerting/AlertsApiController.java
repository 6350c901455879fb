package dev.lambdalens.alerting;

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
    List<AlertResponse> alerts(@RequestParam(required = false) @Nullable AlarmState state) {
        Map<Long, AlertRule> byId = this.rules.findAll()
            .stream()
            .collect(Collectors.toMap(AlertRule::id, Function.identity()));
        return this.alerts.findAllByOrderByStateSinceDesc()
            .stream()
            .filter((a) -> state == null || a.state() == state)
            .map((a) -> AlertResponse.of(a, byId.get(a.ruleId())))
            .toList();
    }

    @GetMapping("/{id}/history")
    @Transactional(readOnly = true)
    List<AlertResponse.TransitionResponse> history(@PathVariable long id) {
        find(id);
        return this.transitions.findByAlertIdOrderByAtDesc(id)
            .stream()
            .map(AlertResponse.TransitionResponse::of)
            .toList();
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
