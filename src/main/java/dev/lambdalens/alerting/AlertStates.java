package dev.lambdalens.alerting;

import java.time.Duration;
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
 * transaction. Rules evaluated here, rules reported from elsewhere and the lifecycle of rules (disabled, deleted,
 * narrowed, a function gone) go through this one path, so each change is notified exactly once.
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

    /** The rule's alerts by target, for a pass to work on. */
    Map<AlertTarget, Alert> alerts(long ruleId) {
        Map<AlertTarget, Alert> existing = new HashMap<>();
        this.alerts.findByRuleId(ruleId).forEach((alert) -> existing.put(alert.target(), alert));
        return existing;
    }

    /** Applies outcomes decided elsewhere, as they come; returns the number of alerts whose state changed. */
    int apply(AlertRule rule, Map<AlertTarget, Evaluation> evaluations, Instant now) {
        return apply(rule, alerts(rule.id()), evaluations, now, true);
    }

    /**
     * Applies the judgement of one period (ending at {@code at}) to the rule's alerts, creating those that are new.
     *
     * @param existing the rule's alerts by target, kept up to date for the next period of the same pass
     * @param immediate whether the outcome stands at once, rather than after the rule's pending and keep-firing
     * periods (a lifecycle decision, or a state reported by another module)
     * @return the number of alerts whose state changed
     */
    int apply(AlertRule rule, Map<AlertTarget, Alert> existing, Map<AlertTarget, Evaluation> evaluations, Instant at,
            boolean immediate) {
        RuleDefinition definition = rule.definition();
        Duration pendingFor = immediate ? Duration.ZERO : definition.condition().pendingFor();
        Duration keepFiringFor = immediate ? Duration.ZERO : definition.condition().keepFiringFor();
        long ruleId = rule.id();
        int changes = 0;
        List<AlertGroupChanged.Change> fired = new ArrayList<>();
        List<AlertGroupChanged.Change> resolved = new ArrayList<>();
        for (Map.Entry<AlertTarget, Evaluation> entry : evaluations.entrySet()) {
            Alert alert = existing.get(entry.getKey());
            if (alert == null) {
                alert = this.alerts.save(new Alert(ruleId, entry.getKey(), at));
                existing.put(entry.getKey(), alert);
            }
            AlarmState from = alert.state();
            Evaluation evaluation = alert.judged(entry.getValue(), pendingFor, keepFiringFor, at);
            if (evaluation != null) {
                AlertTransition transition = this.transitions.save(new AlertTransition(alert.id(), from, evaluation, at));
                this.events.publishEvent(new AlertStateChanged(transition.id(), alert.id(), ruleId, definition.name(),
                        definition.severity(), alert.target(), from, evaluation.state(), at, evaluation.reason()));
                AlertGroupChanged.Change change = new AlertGroupChanged.Change(alert.id(), transition.id(),
                        alert.target(), from, evaluation.state(), evaluation.reason(),
                        values(evaluation, at, definition.condition()));
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
                        definition.runbookUrl(), true, at, fired, stillFiring, definition.channelIds(),
                        ConditionWords.of(definition)));
            }
            if (!resolved.isEmpty()) {
                this.events.publishEvent(new AlertGroupChanged(ruleId, definition.name(), definition.severity(),
                        definition.runbookUrl(), false, at, resolved, stillFiring, definition.channelIds(),
                        ConditionWords.of(definition)));
            }
        }
        return changes;
    }

    /** The judged periods' values with the end of each: the range ends at {@code at}. */
    private static List<AlertGroupChanged.Value> values(Evaluation evaluation, Instant at, AlarmCondition condition) {
        List<AlertGroupChanged.Value> values = new ArrayList<>();
        List<@org.jspecify.annotations.Nullable Double> points = evaluation.datapoints();
        for (int i = 0; i < points.size(); i++) {
            values.add(new AlertGroupChanged.Value(at.minus(condition.period().multipliedBy(points.size() - 1 - i)),
                    points.get(i)));
        }
        return values;
    }

    /**
     * Resolves the rule's firing alerts among {@code targets} at once, each with the reason given: a rule disabled or
     * deleted, a target out of scope, a function gone. One resolved notification, and no reminder after it.
     */
    int resolve(AlertRule rule, Map<AlertTarget, Alert> existing, Map<AlertTarget, String> reasons, Instant now) {
        Map<AlertTarget, Evaluation> settled = new java.util.LinkedHashMap<>();
        reasons.forEach((target, reason) -> {
            Alert alert = existing.get(target);
            if (alert != null && alert.state() == AlarmState.ALARM) {
                settled.put(target, Evaluation.settled(AlarmState.OK, reason));
            }
        });
        return settled.isEmpty() ? 0 : apply(rule, existing, settled, now, true);
    }
}
