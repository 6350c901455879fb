package dev.lambdalens.alerting;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.inventory.Inventory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A rule not saved yet, judged over the last day of stored data as the evaluation would have judged it (the same
 * reader, the same M of N, the same missing-data treatment; pending-for and keep-firing-for aside): the signal of the
 * target that would have alarmed most, with the threshold and each change of state it would have had, and how many
 * targets would have alarmed at all. For the rule form's live preview.
 */
@Component
class RulePreview {

    /** The preview looks back one day, at most this many periods. */
    private static final int MAX_PERIODS = 1_440;

    private final SignalReader signals;

    private final Inventory inventory;

    private final Clock clock;

    RulePreview(SignalReader signals, Inventory inventory, Clock clock) {
        this.signals = signals;
        this.inventory = inventory;
        this.clock = clock;
    }

    /** The preview of {@code request}, or one whose note says what the form still needs. */
    View of(RuleRequest request) {
        RuleDefinition rule;
        try {
            rule = request.metricOnlyForMetricSignal().toDefinition();
        }
        catch (InvalidFieldException ex) {
            return View.note("No preview until the rule holds together: " + ex.getMessage() + ".");
        }
        if (rule.signal().selfMonitoring() || rule.signal() == Signal.EXTERNAL) {
            return View.note("This rule watches LambdaLens itself and is judged on the clock: there is no stored "
                    + "signal to preview. The collector page shows its state.");
        }
        AlarmCondition condition = rule.condition();
        long period = condition.period().toSeconds();
        int range = condition.evaluationRange();
        long end = Math.floorDiv(this.clock.instant().getEpochSecond(), period) * period;
        int periods = (int) Math.min(MAX_PERIODS, Math.max(2L * range, 86_400 / period));
        // the first period shown is judged on a full evaluation range: read the range before it too
        long start = end - period * (periods + range - 1);
        Map<AlertTarget, List<@Nullable Double>> columns = this.signals.read(rule, this.inventory.functions(),
                Instant.ofEpochSecond(start), periods + range - 1);
        Judged worst = null;
        int alarming = 0;
        for (Map.Entry<AlertTarget, List<@Nullable Double>> column : columns.entrySet()) {
            Judged judged = judge(condition, column.getKey(), column.getValue(), start, period, range);
            if (judged.alarmedPeriods() > 0) {
                alarming++;
            }
            if (worst == null || judged.alarmedPeriods() > worst.alarmedPeriods()
                    || (judged.alarmedPeriods() == worst.alarmedPeriods() && judged.data() > worst.data())) {
                worst = judged;
            }
        }
        String unit = ConditionWords.unit(rule);
        if (worst == null) {
            return View.note("The rule watches nothing yet: no function (or account) matches what it watches.");
        }
        long shownFrom = start + period * (range - 1);
        List<List<@Nullable Object>> points = new ArrayList<>(periods);
        for (int i = 0; i < periods; i++) {
            points.add(Arrays.asList(shownFrom + i * period, worst.values().get(i + range - 1)));
        }
        String target = worst.target().accountLevel() ? worst.target().account() + " / " + worst.target().region()
                : worst.target().label() + " (" + worst.target().region() + ")";
        long alarms = worst.changes().stream().filter((c) -> c.to() == AlarmState.ALARM).count();
        String summary = (alarming == 0)
                ? "Over the last day this rule would not have alarmed for any of the " + columns.size()
                        + " it watches; shown: " + target + "."
                : "Over the last day " + target + " would have gone into alarm " + alarms + " time(s), "
                        + worst.alarmedPeriods() + " of " + periods + " periods in alarm; " + alarming + " of the "
                        + columns.size() + " it watches would have alarmed.";
        return new View(ConditionWords.signalName(rule) + " · " + target, unit, period, condition.threshold(),
                condition.comparison(), Readings.format(condition.threshold(), unit), ConditionWords.of(rule),
                Instant.ofEpochSecond(end), Instant.ofEpochSecond(end), points, worst.changes(), summary,
                columns.size(), alarming, worst.alarmedPeriods(), null);
    }

    /** One target's column judged period by period, each on the evaluation range ending there. */
    private static Judged judge(AlarmCondition condition, AlertTarget target, List<@Nullable Double> column,
            long start, long period, int range) {
        AlarmState state = AlarmState.INSUFFICIENT_DATA;
        List<AlertSignals.Change> changes = new ArrayList<>();
        int alarmed = 0;
        for (int i = range - 1; i < column.size(); i++) {
            AlarmState next = AlarmEvaluator.evaluate(condition, column.subList(i - range + 1, i + 1), state).state();
            if (next != state) {
                long at = start + (i + 1) * period;
                changes.add(new AlertSignals.Change(at, state, next, "would have gone " + next));
                state = next;
            }
            if (state == AlarmState.ALARM) {
                alarmed++;
            }
        }
        // the first judgement only says where the day started: not a change worth a mark
        if (!changes.isEmpty() && changes.get(0).from() == AlarmState.INSUFFICIENT_DATA
                && changes.get(0).to() != AlarmState.ALARM) {
            changes.remove(0);
        }
        int data = (int) column.stream().filter(java.util.Objects::nonNull).count();
        return new Judged(target, column, changes, alarmed, data);
    }

    private record Judged(AlertTarget target, List<@Nullable Double> values, List<AlertSignals.Change> changes,
            int alarmedPeriods, int data) {
    }

    /**
     * The preview as the alert page's chart reads an alert's signal (the same fields), with a summary in words.
     *
     * @param changes the changes of state the rule would have had, at the end of the period that decided each
     * @param targets how many targets (functions, or accounts and regions) the rule watches
     * @param alarmingTargets how many of them would have alarmed during the day
     * @param note why there is nothing to chart, or {@code null}
     */
    record View(String signal, String unit, long periodSeconds, double threshold, @Nullable Comparison comparison,
            String thresholdText, String condition, Instant evaluationFrom, Instant judgedUntil,
            List<List<@Nullable Object>> points, List<AlertSignals.Change> changes, @Nullable String summary,
            int targets, int alarmingTargets, int alarmedPeriods, @Nullable String note) {

        static View note(String note) {
            return new View("", "", 60, 0, null, "", "", Instant.EPOCH, Instant.EPOCH, List.of(), List.of(), null, 0,
                    0, 0, note);
        }
    }
}
