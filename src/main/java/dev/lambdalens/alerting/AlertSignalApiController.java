package dev.lambdalens.alerting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alerts/{id}/signal}: the values an alert's rule judges, for the alert page's chart and for anyone
 * who wants to see what decided an alert.
 */
@RestController
class AlertSignalApiController {

    private final AlertRepository alerts;

    private final AlertRuleRepository rules;

    private final AlertTransitionRepository transitions;

    private final AlertSignals signals;

    AlertSignalApiController(AlertRepository alerts, AlertRuleRepository rules,
            AlertTransitionRepository transitions, AlertSignals signals) {
        this.alerts = alerts;
        this.rules = rules;
        this.transitions = transitions;
        this.signals = signals;
    }

    @GetMapping("/api/v1/alerts/{id}/signal")
    @Transactional(readOnly = true)
    @Operation(summary = "An alert's signal over its rule's evaluation range and the hours before",
            description = "The rule's signal for the alert's target, one value per period of the rule (oldest first; "
                    + "null where the period had no data), read exactly as the evaluation reads it, derived signals "
                    + "(error rate, shares of a limit) included: points are [period start in epoch seconds, value]. "
                    + "With the threshold and comparison, the end of the latest period the evaluation can have "
                    + "judged (judgedUntil, after the settle delay and the target's collected data) and the "
                    + "evaluation range ending there with each value rounded and with its unit, and the alert's "
                    + "changes of state within the range. A rule judged on the clock (LambdaLens's own collection) or "
                    + "reported (budgets) has no series: its points are all null and note says why.")
    AlertSignals.SignalView signal(@PathVariable long id,
            @Parameter(description = "how many hours of periods before now, 1 to 48 (default 3); at least twice "
                    + "the evaluation range and at most 1,440 periods are shown")
            @RequestParam(required = false) @Nullable Integer hours) {
        int span = AlertSignals.hours(hours);
        Alert alert = this.alerts.findById(id)
            .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No alert " + id), null));
        AlertRule rule = this.rules.findById(alert.ruleId()).orElseThrow();
        return this.signals.read(alert, rule, this.transitions.findByAlertIdOrderByAtDesc(id), span);
    }
}
