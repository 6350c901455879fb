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

    private final AlertStates states;

    private final SignalReader signals;

    private final Inventory inventory;

    private final AlertingProperties properties;

    private final TransactionTemplate transaction;

    private final Clock clock;

    RuleEvaluation(AlertRuleRepository rules, AlertStates states, SignalReader signals, Inventory inventory,
            AlertingProperties properties, TransactionTemplate transaction, Clock clock) {
        this.rules = rules;
        this.states = states;
        this.signals = signals;
        this.inventory = inventory;
        this.properties = properties;
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
            if (!rule.enabled() || rule.source() != null) {
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
        Map<AlertTarget, Evaluation> evaluations = new java.util.LinkedHashMap<>();
        Map<AlertTarget, AlarmState> current = this.states.current(rule);
        values.forEach((target, datapoints) -> evaluations.put(target, AlarmEvaluator.evaluate(condition, datapoints,
                current.getOrDefault(target, AlarmState.INSUFFICIENT_DATA))));
        return this.states.apply(rule, evaluations, now);
    }
}
