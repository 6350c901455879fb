package dev.lambdalens.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * One alert's signal over its rule's evaluation range and the hours before, read by the {@link SignalReader} the
 * evaluation uses (so that the chart shows what was judged, derived signals such as the error rate included), with
 * the threshold, the periods judged last, and the alert's changes of state.
 */
@Component
class AlertSignals {

    static final int DEFAULT_HOURS = 3;

    static final int MAX_HOURS = 48;

    /** As many periods as an evaluation pass may read at most. */
    private static final int MAX_PERIODS = 1_440;

    private final SignalReader signals;

    private final Inventory inventory;

    private final CollectedWatermarks watermarks;

    private final AlertingProperties properties;

    private final Clock clock;

    AlertSignals(SignalReader signals, Inventory inventory, CollectedWatermarks watermarks,
            AlertingProperties properties, Clock clock) {
        this.signals = signals;
        this.inventory = inventory;
        this.watermarks = watermarks;
        this.properties = properties;
        this.clock = clock;
    }

    /** Checks the {@code hours} a chart asks for: 1 to 48, 3 when not given. */
    static int hours(@Nullable Integer hours) {
        if (hours == null) {
            return DEFAULT_HOURS;
        }
        if (hours < 1 || hours > MAX_HOURS) {
            throw new InvalidFieldException("hours", "hours must be between 1 and " + MAX_HOURS + ", not " + hours);
        }
        return hours;
    }

    SignalView read(Alert alert, AlertRule rule, List<AlertTransition> history, int hours) {
        RuleDefinition definition = rule.definition();
        AlarmCondition condition = definition.condition();
        long period = condition.period().toSeconds();
        int range = condition.evaluationRange();
        AlertTarget target = alert.target();
        Instant now = this.clock.instant();
        long end = Math.floorDiv(now.getEpochSecond(), period) * period;
        // as the evaluation decides it: settled periods, and only those the target's data is complete for
        Instant limit = now.minus(this.properties.settleDelay());
        Instant watermark = this.watermarks.read().of(target, EarlyBreach.reads(definition));
        if (watermark != null && watermark.minus(this.properties.settleDelay()).isBefore(limit)) {
            limit = watermark.minus(this.properties.settleDelay());
        }
        long judgedUntil = Math.min(end, Math.floorDiv(limit.getEpochSecond(), period) * period);
        if (alert.state() == AlarmState.ALARM && EarlyBreach.applies(definition)) {
            // a breach no later datapoint can undo is judged before it settles: shown up to the period it fired for
            long fired = Math.floorDiv(alert.stateSince().getEpochSecond(), period) * period;
            if (fired > judgedUntil && fired <= end) {
                judgedUntil = fired;
            }
        }
        int periods = (int) Math.min(MAX_PERIODS, Math.max(2L * range, Duration.ofHours(hours).toSeconds() / period));
        // the evaluation range judged last is in the chart, unless the target's data lags by more than it can show
        long start = Math.max(Math.min(end - period * periods, judgedUntil - period * range),
                end - period * MAX_PERIODS);
        periods = (int) ((end - start) / period);
        String unit = ConditionWords.unit(definition);
        String note = null;
        List<@Nullable Double> column = null;
        if (definition.signal() == Signal.EXTERNAL) {
            note = "This rule's value is reported by LambdaLens itself (a budget, a channel), not read from a stored "
                    + "series: there is nothing to chart.";
        }
        else if (definition.signal().selfMonitoring()) {
            note = "This rule watches LambdaLens's own collection and is judged on the clock, not on a stored series: "
                    + "there is nothing to chart. The collector page shows its state.";
        }
        else {
            column = this.signals.read(definition, functionsOf(target), Instant.ofEpochSecond(start), periods)
                .get(target);
            if (column == null) {
                note = "The rule no longer watches this target (its scope or account and region changed, or the "
                        + "function is gone): nothing is judged for it now.";
            }
        }
        List<List<@Nullable Object>> points = new ArrayList<>(periods);
        for (int i = 0; i < periods; i++) {
            points.add(Arrays.asList(start + i * period, (column != null) ? column.get(i) : null));
        }
        List<Reading> judged = new ArrayList<>();
        if (column != null) {
            for (long at = Math.max(start, judgedUntil - period * range); at < judgedUntil; at += period) {
                Double value = column.get((int) ((at - start) / period));
                judged.add(new Reading(Instant.ofEpochSecond(at), Instant.ofEpochSecond(at + period), value,
                        (value != null) ? Readings.format(value, unit) : "no data",
                        value != null && condition.comparison().breaches(value, condition.threshold())));
            }
        }
        List<Change> changes = history.stream()
            .filter((t) -> t.at().getEpochSecond() >= start && t.at().getEpochSecond() <= end)
            .sorted(java.util.Comparator.comparing(AlertTransition::at))
            .map((t) -> new Change(t.at().getEpochSecond(), t.fromState(), t.toState(), t.reason()))
            .toList();
        return new SignalView(alert.id(), ConditionWords.signalName(definition), unit, period,
                Instant.ofEpochSecond(start), Instant.ofEpochSecond(end), condition.threshold(),
                condition.comparison(), Readings.format(condition.threshold(), unit), ConditionWords.of(definition),
                Instant.ofEpochSecond(judgedUntil), Instant.ofEpochSecond(judgedUntil - period * range), points,
                judged, changes, note);
    }

    /**
     * The history's datapoints with their periods: a change judged at the end of a period stored the evaluation
     * range before it, oldest first ("-" where a period had no data).
     */
    static List<Reading> datapoints(AlertTransition transition, RuleDefinition rule) {
        String stored = transition.datapoints();
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        String[] tokens = stored.trim().split("\\s+");
        long period = rule.condition().period().toSeconds();
        long end = transition.at().getEpochSecond();
        String unit = ConditionWords.unit(rule);
        List<Reading> readings = new ArrayList<>(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            long at = end - (tokens.length - i) * period;
            Double value = parse(tokens[i]);
            readings.add(new Reading(Instant.ofEpochSecond(at), Instant.ofEpochSecond(at + period), value,
                    (value != null) ? Readings.format(value, unit) : "no data",
                    value != null && rule.condition().comparison().breaches(value, rule.condition().threshold())));
        }
        return readings;
    }

    private static @Nullable Double parse(String token) {
        try {
            return Double.valueOf(token);
        }
        catch (NumberFormatException ex) {
            return null; // "-": the period had no datapoint
        }
    }

    /**
     * Only the alert's own function (or its account and region's): the reader computes that one target (or, for an
     * alias, version or mapping, the function's qualified targets, among them the alert's).
     */
    private List<FunctionSummary> functionsOf(AlertTarget target) {
        return this.inventory.functions()
            .stream()
            .filter((f) -> f.account().equals(target.account()) && f.region().equals(target.region())
                    && (target.accountLevel() || f.name().equals(target.functionName())))
            .toList();
    }

    /**
     * What the alert chart and page show.
     *
     * @param signal what the rule compares, in words
     * @param unit the values' unit as {@link ConditionWords#unit} names it
     * @param points one {@code [period start (epoch seconds), value or null]} per period, oldest first
     * @param judgedUntil the end of the latest period the evaluation can have judged (settled and collected)
     * @param evaluationFrom the start of the evaluation range that ends at {@code judgedUntil}
     * @param evaluationRange the periods of the evaluation range, with their values as people read them
     * @param changes the alert's changes of state within the chart's range, oldest first
     * @param note why there is no signal to chart, or {@code null}
     */
    record SignalView(long alertId, String signal, String unit, long periodSeconds, Instant from, Instant to,
            double threshold, Comparison comparison, String thresholdText, String condition, Instant judgedUntil,
            Instant evaluationFrom, List<List<@Nullable Object>> points, List<Reading> evaluationRange,
            List<Change> changes, @Nullable String note) {
    }

    /** One period's value: {@code text} rounded and with its unit, "no data" without one. */
    record Reading(Instant from, Instant to, @Nullable Double value, String text, boolean breaching) {
    }

    /** A change of the alert's state, at the end of the period that decided it. */
    record Change(long at, AlarmState from, AlarmState to, String reason) {
    }
}
