package dev.lambdalens.alerting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Applies the outcome of judging a rule's targets to their alerts: a change of state is stored with its history row,
 * its {@link AlertStateChanged} event and the rule's grouped {@link AlertGroupChanged}, all in the caller's
 * transaction. Rules evaluated here and rules reported from elsewhere go through this one path.
 */
@Component
class AlertStates {

    private final AlertRepository alerts;

    private final AlertTransitionRepository transitions;

    private final ApplicationEventPublisher events;

    AlertStates(AlertRepository alerts, AlertTransitionRepository transitions, ApplicationEventPublisher events) {
        this.alerts = alerts;
        this.transitions = transitions;
        this.events = events;
    }

    /** The state of each of the rule's alerts. */
    Map<AlertTarget, AlarmState> current(AlertRule rule) {
        Map<AlertTarget, AlarmState> states = new HashMap<>();
        this.alerts.findByRuleId(rule.id()).forEach((alert) -> states.put(alert.target(), alert.state()));
        return states;
    }

    /** Returns the number of alerts whose state changed. */
    int apply(AlertRule rule, Map<AlertTarget, Evaluation> evaluations, Instant now) {
        RuleDefinition definition = rule.definition();
        long ruleId = rule.id();
        Map<AlertTarget, Alert> existing = new HashMap<>();
        this.alerts.findByRuleId(ruleId).forEach((alert) -> existing.put(alert.target(), alert));
        int changes = 0;
        List<AlertGroupChanged.Change> fired = new ArrayList<>();
        List<AlertGroupChanged.Change> resolved = new ArrayList<>();
        for (Map.Entry<AlertTarget, Evaluation> entry : evaluations.entrySet()) {
            Alert alert = existing.get(entry.getKey());
            if (alert == null) {
                alert = this.alerts.save(new Alert(ruleId, entry.getKey(), now));
                existing.put(entry.getKey(), alert);
            }
            AlarmState from = alert.state();
            Evaluation evaluation = entry.getValue();
            if (alert.evaluated(evaluation, now)) {
                AlertTransition transition = this.transitions.save(new AlertTransition(alert.id(), from, evaluation, now));
                this.events.publishEvent(new AlertStateChanged(transition.id(), alert.id(), ruleId, definition.name(),
                        definition.severity(), alert.target(), from, evaluation.state(), now, evaluation.reason()));
                AlertGroupChanged.Change change = new AlertGroupChanged.Change(alert.id(), transition.id(),
                        alert.target(), from, evaluation.state(), evaluation.reason());
                if (evaluation.state() == AlarmState.ALARM) {
                    fired.add(change);
                }
                else if (from == AlarmState.ALARM) {
                    resolved.add(change);
                }
                changes++;
            }
        }
        if (!fired.isEmpty() || !resolved.isEmpty()) {
            int stillFiring = (int) existing.values().stream().filter((a) -> a.state() == AlarmState.ALARM).count();
            if (!fired.isEmpty()) {
                this.events.publishEvent(new AlertGroupChanged(ruleId, definition.name(), definition.severity(),
                        definition.runbookUrl(), true, now, fired, stillFiring, definition.channelIds()));
            }
            if (!resolved.isEmpty()) {
                this.events.publishEvent(new AlertGroupChanged(ruleId, definition.name(), definition.severity(),
                        definition.runbookUrl(), false, now, resolved, stillFiring, definition.channelIds()));
            }
        }
        return changes;
    }
}
