package dev.lambdalens.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates every enabled rule against settled data: per rule, the range of periods that ended before the settle
 * delay, every target judged by {@link AlarmEvaluator}; a change of state is stored with its history row and its
 * {@link AlertStateChanged} event in one transaction. One failing rule never stops the others.
 */
@Service
public class RuleEvaluation {

    private static final Logger logger = LoggerFactory.getLogger(RuleEvaluation.class);

    private final AlertRuleRepository rules;

    private final AlertRepository alerts;

    private final AlertTransitionRepository transitions;

    private final SignalReader signals;

    private final Inventory inventory;

    private final AlertingProperties properties;

    private final ApplicationEventPublisher events;

    private final TransactionTemplate transaction;

    private final Clock clock;

    RuleEvaluation(AlertRuleRepository rules, AlertRepository alerts, AlertTransitionRepository transitions,
            SignalReader signals, Inventory inventory, AlertingProperties properties, ApplicationEventPublisher events,
            TransactionTemplate transaction, Clock clock) {
        this.rules = rules;
        this.alerts = alerts;
        this.transitions = transitions;
        this.signals = signals;
        this.inventory = inventory;
        this.properties = properties;
        this.events = events;
        // a transaction of its own per rule: evaluation also runs right after a collection commits, in that
        // transaction's after-commit phase, where joining it would write into a transaction that has already ended
        this.transaction = new TransactionTemplate(transaction.getTransactionManager());
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** One pass over every enabled rule; returns the number of state changes. */
    public synchronized int evaluateAll() {
        int changes = 0;
        List<FunctionSummary> functions = null;
        for (AlertRule rule : this.rules.findAllByOrderByIdAsc()) {
            if (!rule.enabled()) {
                continue;
            }
            if (functions == null) {
                // one read of the inventory for the whole pass, not one per rule
                functions = this.inventory.functions();
            }
            List<FunctionSummary> inventory = functions;
            try {
                Integer changed = this.transaction.execute((status) -> evaluate(rule, inventory));
                changes += (changed != null) ? changed : 0;
            }
            catch (RuntimeException ex) {
                logger.error("Evaluating rule {} failed", rule.id(), ex);
            }
        }
        return changes;
    }

    private int evaluate(AlertRule rule, List<FunctionSummary> functions) {
        RuleDefinition definition = rule.definition();
        AlarmCondition condition = definition.condition();
        Instant now = this.clock.instant();
        long period = condition.period().toSeconds();
        long settled = Math.floorDiv(now.minus(this.properties.settleDelay()).getEpochSecond(), period) * period;
        int range = condition.evaluationRange();
        Instant start = Instant.ofEpochSecond(settled).minus(Duration.ofSeconds(period * range));
        Map<AlertTarget, List<@Nullable Double>> values = this.signals.read(definition, functions, start, range);
        long ruleId = rule.id();
        Map<AlertTarget, Alert> existing = new HashMap<>();
        this.alerts.findByRuleId(ruleId).forEach((alert) -> existing.put(alert.target(), alert));
        int changes = 0;
        List<AlertGroupChanged.Change> fired = new ArrayList<>();
        List<AlertGroupChanged.Change> resolved = new ArrayList<>();
        for (Map.Entry<AlertTarget, List<@Nullable Double>> entry : values.entrySet()) {
            Alert alert = existing.get(entry.getKey());
            if (alert == null) {
                alert = this.alerts.save(new Alert(ruleId, entry.getKey(), now));
                existing.put(entry.getKey(), alert);
            }
            AlarmState from = alert.state();
            Evaluation evaluation = AlarmEvaluator.evaluate(condition, entry.getValue(), from);
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
