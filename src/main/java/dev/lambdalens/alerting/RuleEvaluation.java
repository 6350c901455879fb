package dev.lambdalens.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates the rules against collected data. For each target, a rule judges the periods up to that target's
 * collected watermark less the settle delay, every period not judged yet in order, so that data arriving late (a
 * backfill after an outage, the idle group's fetch) raises its alert once, at its own time, and a period not
 * collected yet is never missing data. A change of state is stored with its history row and its
 * {@link AlertStateChanged} event in one transaction. A rule disabled or deleted, a target out of scope, a function
 * gone: their firing alerts resolve, once, with the reason. One failing rule never stops the others.
 */
@Service
public class RuleEvaluation {

    private static final Logger logger = LoggerFactory.getLogger(RuleEvaluation.class);

    /** The most periods one pass judges for a target: a day of minutes, however long an outage was. */
    private static final int MAX_CATCH_UP = 1_440;

    private final AlertRuleRepository rules;

    private final AlertStates states;

    private final SignalReader signals;

    private final Inventory inventory;

    private final CollectedWatermarks watermarks;

    private final AlertingProperties properties;

    private final TransactionTemplate transaction;

    private final Clock clock;

    private final Counter passes;

    private final SelfSignals self;

    private final StoredColumns columns;

    /** The end of the last period judged, per rule and target; the alert's own time guards it across instances. */
    private final Map<Long, Map<AlertTarget, Instant>> judgedUntil = new ConcurrentHashMap<>();

    RuleEvaluation(AlertRuleRepository rules, AlertStates states, SignalReader signals, Inventory inventory,
            CollectedWatermarks watermarks, AlertingProperties properties, TransactionTemplate transaction,
            Clock clock, MeterRegistry meters, SelfSignals self, StoredColumns columns) {
        this.self = self;
        this.columns = columns;
        this.rules = rules;
        this.states = states;
        this.signals = signals;
        this.inventory = inventory;
        this.watermarks = watermarks;
        this.properties = properties;
        // a transaction of its own per rule: one rule failing rolls back that rule alone
        this.transaction = new TransactionTemplate(transaction.getTransactionManager());
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.passes = Counter.builder("lambdalens.alerting.passes")
            .description("Evaluation passes over the rules")
            .register(meters);
    }

    /** One pass over every rule and target; returns the number of state changes. */
    public int evaluateAll() {
        return evaluate(null);
    }

    /**
     * One pass over the rules, for the targets in {@code regions} only ({@code account/region}), or every target
     * when {@code null}; returns the number of state changes.
     */
    synchronized int evaluate(@Nullable Set<String> regions) {
        this.passes.increment();
        List<FunctionSummary> functions = this.inventory.functions()
            .stream()
            .filter((f) -> regions == null || regions.contains(f.account() + "/" + f.region()))
            .toList();
        CollectedWatermarks.Snapshot collected = this.watermarks.read();
        List<AlertRule> all = this.rules.findAllByOrderByIdAsc();
        this.columns.beginPass(all.stream()
            .filter((rule) -> rule.enabled() && !rule.deleted())
            .map(AlertRule::id)
            .collect(java.util.stream.Collectors.toSet()));
        int changes = 0;
        for (AlertRule rule : all) {
            if (rule.source() != null) {
                continue;
            }
            try {
                Integer changed = this.transaction.execute((status) -> evaluate(rule, functions, regions, collected));
                changes += (changed != null) ? changed : 0;
            }
            catch (RuntimeException ex) {
                this.columns.forget(rule.id());
                logger.error("Evaluating rule {} failed", rule.id(), ex);
            }
        }
        return changes;
    }

    /**
     * Resolves what a change to a rule leaves behind, at once, in the caller's transaction: every firing alert of a
     * disabled or deleted rule, and those of targets the rule no longer watches.
     */
    int settle(AlertRule rule) {
        return settle(rule, this.states.alerts(rule.id()), this.inventory.functions(), null, this.clock.instant());
    }

    private int settle(AlertRule rule, Map<AlertTarget, Alert> existing, List<FunctionSummary> functions,
            @Nullable Set<String> regions, Instant now) {
        if (rule.source() != null && !(rule.builtIn() && (rule.deleted() || !rule.enabled()))) {
            return 0; // reported by another module, which resolves what it reported
        }
        String paused = rule.deleted() ? "the rule was deleted" : rule.enabled() ? null : "the rule was disabled";
        Set<AlertTarget> watched = (paused != null) ? Set.of() : this.signals.targets(rule.definition(), functions);
        Map<AlertTarget, String> reasons = new LinkedHashMap<>();
        for (Alert alert : existing.values()) {
            AlertTarget target = alert.target();
            boolean inPass = regions == null || regions.contains(target.account() + "/" + target.region());
            if (alert.state() == AlarmState.ALARM && inPass && !watched.contains(target)) {
                reasons.put(target, (paused != null) ? paused
                        : whyNotWatched(rule.definition(), target, functions, watched));
            }
        }
        return this.states.resolve(rule, existing, reasons, now);
    }

    private String whyNotWatched(RuleDefinition rule, AlertTarget target, List<FunctionSummary> functions,
            Set<AlertTarget> watched) {
        if (!target.accountLevel() && target.qualifier() == null && watched.stream()
            .anyMatch((w) -> w.qualifier() != null && w.account().equals(target.account())
                    && w.region().equals(target.region()) && w.functionName().equals(target.function()))) {
            // an alert from before the rule watched each alias, version or mapping of the function on its own
            return "the rule now watches each alias, version or mapping of " + target.function() + " on its own";
        }
        if (!target.accountLevel()) {
            FunctionSummary active = functions.stream()
                .filter((f) -> f.account().equals(target.account()) && f.region().equals(target.region())
                        && f.name().equals(target.functionName()) && f.state() == FunctionState.ACTIVE)
                .findFirst()
                .orElse(null);
            if (active == null) {
                return "the function " + target.functionName() + " is gone from " + target.account() + "/"
                        + target.region();
            }
            String cannot = this.signals.cannotExist(rule, active, target.qualifier());
            if (cannot != null) {
                return "the rule no longer watches " + target + ": " + cannot;
            }
        }
        return "the rule no longer watches " + target + " (its scope changed)";
    }

    /**
     * A built-in rule about the collector: judged on the clock (a failing collector stores nothing to judge), the
     * current figure standing for the period ending now.
     */
    private int evaluateSelf(AlertRule rule, Map<AlertTarget, Alert> existing, @Nullable Set<String> regions,
            Instant now) {
        AlarmCondition condition = rule.definition().condition();
        long period = condition.period().toSeconds();
        Instant end = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), period) * period);
        Map<AlertTarget, Evaluation> evaluations = new LinkedHashMap<>();
        this.self.read(rule.definition(), now).forEach((target, value) -> {
            if (regions != null && !regions.contains(target.account() + "/" + target.region())) {
                return;
            }
            List<@Nullable Double> column = new java.util.ArrayList<>(
                    java.util.Collections.nCopies(condition.evaluationRange(), (Double) null));
            column.set(column.size() - 1, value);
            Alert alert = existing.get(target);
            evaluations.put(target, AlarmEvaluator.evaluate(condition, column,
                    (alert != null) ? alert.state() : AlarmState.INSUFFICIENT_DATA));
        });
        return this.states.apply(rule, existing, evaluations, end, false);
    }

    private int evaluate(AlertRule rule, List<FunctionSummary> functions, @Nullable Set<String> regions,
            CollectedWatermarks.Snapshot collected) {
        Instant now = this.clock.instant();
        Map<AlertTarget, Alert> existing = this.states.alerts(rule.id());
        int changes = settle(rule, existing, functions, regions, now);
        if (!rule.enabled() || rule.deleted()) {
            this.judgedUntil.remove(rule.id());
            return changes;
        }
        RuleDefinition definition = rule.definition();
        AlarmCondition condition = definition.condition();
        long period = condition.period().toSeconds();
        int range = condition.evaluationRange();
        if (definition.signal().selfMonitoring()) {
            return changes + evaluateSelf(rule, existing, regions, now);
        }
        Map<AlertTarget, Instant> judged = this.judgedUntil.computeIfAbsent(rule.id(), (id) -> new ConcurrentHashMap<>());
        Set<LambdaMetric> reads = EarlyBreach.reads(definition);
        boolean early = EarlyBreach.applies(definition);
        // per target, the periods to judge: (from, upTo], both period ends, then (upTo, fresh] judged early
        Map<AlertTarget, long[]> due = new LinkedHashMap<>();
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (AlertTarget target : this.signals.targets(definition, functions)) {
            Instant watermark = collected.of(target, reads);
            if (watermark == null && collected.polled(target)) {
                continue; // polled, but this target's series not fetched yet
            }
            Instant limit = now.minus(this.properties.settleDelay());
            if (watermark != null && watermark.minus(this.properties.settleDelay()).isBefore(limit)) {
                // what was fetched less than the settle delay after its minute ended may still grow: judged later
                limit = watermark.minus(this.properties.settleDelay());
            }
            long upTo = Math.floorDiv(limit.getEpochSecond(), period) * period;
            long fresh = upTo;
            if (early && watermark != null) {
                Instant reached = watermark.isBefore(now) ? watermark : now;
                fresh = Math.max(upTo, Math.floorDiv(reached.getEpochSecond(), period) * period);
            }
            Instant last = judged.get(target);
            long from = (last != null) ? last.getEpochSecond() : upTo - period;
            Alert alert = existing.get(target);
            if (alert != null) {
                // never judge again what this or another instance has judged into the alert's state
                from = Math.max(from, Math.floorDiv(alert.stateSince().getEpochSecond(), period) * period);
            }
            from = Math.max(from, upTo - period * MAX_CATCH_UP);
            if (fresh > from) {
                due.put(target, new long[] { from, upTo, fresh });
                earliest = Math.min(earliest, from);
                latest = Math.max(latest, fresh);
            }
        }
        if (due.isEmpty()) {
            return changes;
        }
        long start = earliest + period - period * range;
        int periods = (int) ((latest - start) / period);
        Map<AlertTarget, List<@Nullable Double>> values = this.signals.read(definition, functions,
                Instant.ofEpochSecond(start), periods, rule.id());
        // period by period, oldest first, every target due for it: one group of changes per period
        TreeMap<Long, Map<AlertTarget, Evaluation>> byPeriod = new TreeMap<>();
        for (long end = earliest + period; end <= latest; end += period) {
            byPeriod.put(end, new LinkedHashMap<>());
        }
        for (Map.Entry<Long, Map<AlertTarget, Evaluation>> step : byPeriod.entrySet()) {
            long end = step.getKey();
            for (Map.Entry<AlertTarget, long[]> entry : due.entrySet()) {
                long[] span = entry.getValue();
                List<@Nullable Double> column = values.get(entry.getKey());
                if (end <= span[0] || end > span[2] || column == null) {
                    continue;
                }
                int to = (int) ((end - start) / period);
                Alert alert = existing.get(entry.getKey());
                AlarmState current = (alert != null) ? alert.state() : AlarmState.INSUFFICIENT_DATA;
                List<@Nullable Double> judgedRange = column.subList(to - range, to);
                if (end <= span[1]) {
                    step.getValue().put(entry.getKey(), AlarmEvaluator.evaluate(condition, judgedRange, current));
                }
                else if (current != AlarmState.ALARM) {
                    // not settled yet: only a breach no later datapoint can undo is judged now
                    int unsettled = (int) ((end - span[1]) / period);
                    EarlyBreach.evaluate(condition, judgedRange, unsettled, current)
                        .ifPresent((breach) -> step.getValue().put(entry.getKey(), breach));
                }
            }
            if (!step.getValue().isEmpty()) {
                changes += this.states.apply(rule, existing, step.getValue(), Instant.ofEpochSecond(end), false);
            }
        }
        // remembered once the judgements are stored: a rule rolled back is judged again next pass
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        due.forEach((target, span) -> judged.merge(target, Instant.ofEpochSecond(span[1]),
                                (was, now) -> was.isAfter(now) ? was : now));
                    }
                });
        return changes;
    }
}
