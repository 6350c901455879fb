package dev.lambdalens.alerting;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Alerts whose state another module decides (a budget's thresholds): they live as ordinary alerts of a rule kept
 * for that module, so that they get the same history, acknowledgement, silences, channels and delivery as any other.
 */
@Service
public class ExternalAlerts {

    /** The condition stored with a reported rule: shown, never evaluated. */
    private static final AlarmCondition REPORTED = new AlarmCondition(Comparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 0,
            Duration.ofMinutes(1), 1, 1, MissingData.MISSING);

    private final AlertRuleRepository rules;

    private final AlertStates states;

    private final Clock clock;

    ExternalAlerts(AlertRuleRepository rules, AlertStates states, Clock clock) {
        this.rules = rules;
        this.states = states;
        this.clock = clock;
    }

    /**
     * Creates or updates the rule that stands for {@code source} (such as {@code budget:3}); returns its id. A
     * built-in rule ({@code lambdalens:...}) is only created: once it exists, its row is the user's.
     */
    @Transactional
    public long define(String source, String name, Severity severity, @Nullable String description,
            List<Long> channelIds) {
        RuleDefinition definition = new RuleDefinition(name, Signal.EXTERNAL, null, null, RuleScope.ALL, null, null,
                null, REPORTED, severity, description, null, true, channelIds);
        java.util.Optional<AlertRule> stored = this.rules.findBySource(source);
        if (stored.isPresent() && stored.get().builtIn()) {
            return stored.get().id(); // a built-in rule's row is the user's to rename, route or disable: kept
        }
        AlertRule rule = stored
            .orElseGet(() -> this.rules.save(new AlertRule(source, definition, this.clock.instant())));
        rule.apply(definition, this.clock.instant());
        return rule.id();
    }

    /**
     * Reports the state of each of the source's alerts; an unchanged state writes nothing, a change is stored and
     * notified as any rule's. Returns the number of changes.
     */
    @Transactional
    public int report(String source, Map<AlertTarget, Report> reports) {
        AlertRule rule = this.rules.findBySource(source)
            .orElseThrow(() -> new IllegalStateException("No rule kept for " + source + ": define it first"));
        if (!rule.enabled() || rule.deleted()) {
            return 0; // disabled or deleted by hand: nothing fires (its firing alerts were resolved then)
        }
        Map<AlertTarget, Evaluation> evaluations = new LinkedHashMap<>();
        reports.forEach((target, report) -> evaluations.put(target,
                new Evaluation(report.state(), report.values(), (report.state() == AlarmState.ALARM) ? 1 : 0, 1,
                        report.reason())));
        return this.states.apply(rule, evaluations, this.clock.instant());
    }

    /** Deletes the source's rule with its alerts and their history; its firing alerts are resolved first. */
    @Transactional
    public void remove(String source) {
        this.rules.findBySource(source).ifPresent((rule) -> {
            Map<AlertTarget, Alert> existing = this.states.alerts(rule.id());
            Map<AlertTarget, String> reasons = new LinkedHashMap<>();
            existing.keySet().forEach((target) -> reasons.put(target, "its source " + source + " was deleted"));
            this.states.resolve(rule, existing, reasons, this.clock.instant());
            this.rules.delete(rule);
        });
    }

    /**
     * One alert's state as its source decided it.
     *
     * @param values the figures that decided it (such as actual and threshold), for the alert's history
     */
    public record Report(AlarmState state, String reason, List<@Nullable Double> values) {
    }
}
