package dev.lambdalens.alerting;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Decides a rule's state from its evaluation range exactly as CloudWatch alarms do (AWS-FACTS.md, and the tables of
 * "Configuring how CloudWatch alarms treat missing data", which {@code AlarmEvaluatorTests} reproduces row by row):
 * <ul>
 * <li>With at least N datapoints in the range, the most recent N are judged and missing periods do not matter.</li>
 * <li>With fewer, every real datapoint is judged and the rest of the N are filled as the treatment says:
 * {@code breaching} and {@code notBreaching} fill them; {@code missing} and {@code ignore} decide from the real ones
 * when they settle it (M breaching, or a non-breaching one with fewer than M breaching), and otherwise give
 * INSUFFICIENT_DATA and keep the state respectively; {@code missing} still alarms when the oldest period of the
 * range breaches and nothing since has been within the threshold.</li>
 * </ul>
 */
public final class AlarmEvaluator {

    private AlarmEvaluator() {
    }

    /**
     * @param condition the rule's condition
     * @param range the last {@link AlarmCondition#evaluationRange()} periods, oldest first, {@code null} for a
     * period without a datapoint
     * @param current the state the rule is in now (kept by {@code ignore})
     */
    public static Evaluation evaluate(AlarmCondition condition, List<@Nullable Double> range, AlarmState current) {
        if (range.size() != condition.evaluationRange()) {
            throw new IllegalArgumentException("An evaluation range of " + condition.evaluationRange()
                    + " periods is needed, not " + range.size());
        }
        int n = condition.evaluationPeriods();
        int m = condition.datapointsToAlarm();
        List<Double> present = new ArrayList<>();
        range.forEach((value) -> {
            if (value != null) {
                present.add(value);
            }
        });
        List<@Nullable Double> snapshot = Collections.unmodifiableList(new ArrayList<>(range));
        if (present.size() >= n) {
            int breaching = countBreaching(condition, present.subList(present.size() - n, present.size()));
            return decided(snapshot, breaching, n, m,
                    (n == 1) ? "the most recent datapoint" : "the " + n + " most recent datapoints");
        }
        int breaching = countBreaching(condition, present);
        int nonBreaching = present.size() - breaching;
        int filled = n - present.size();
        return switch (condition.missingData()) {
            case BREACHING -> decided(snapshot, breaching + filled, n, m,
                    present.size() + " datapoints and " + filled + " missing periods counted as breaching");
            case NOT_BREACHING -> decided(snapshot, breaching, n, m,
                    present.size() + " datapoints and " + filled + " missing periods counted as not breaching");
            case MISSING, IGNORE -> fromRealDatapoints(condition, snapshot, current, breaching, nonBreaching,
                    present.size());
        };
    }

    private static Evaluation fromRealDatapoints(AlarmCondition condition, List<@Nullable Double> range,
            AlarmState current, int breaching, int nonBreaching, int present) {
        int m = condition.datapointsToAlarm();
        String judged = present + " of " + condition.evaluationPeriods() + " periods with datapoints";
        if (breaching >= m) {
            return new Evaluation(AlarmState.ALARM, range, breaching, present, judged + ", " + breaching
                    + " breaching");
        }
        if (nonBreaching > 0) {
            return new Evaluation(AlarmState.OK, range, breaching, present, judged + ", " + nonBreaching
                    + " within the threshold");
        }
        if (condition.missingData() == MissingData.IGNORE) {
            return new Evaluation(current, range, breaching, present, judged + ": too few to decide, state kept");
        }
        Double oldest = range.get(0);
        if (present > 0 && oldest != null && condition.comparison().breaches(oldest, condition.threshold())) {
            return new Evaluation(AlarmState.ALARM, range, breaching, present,
                    judged + ": the oldest period breached and none since was within the threshold");
        }
        return new Evaluation(AlarmState.INSUFFICIENT_DATA, range, breaching, present, judged + ": too few to decide");
    }

    private static Evaluation decided(List<@Nullable Double> range, int breaching, int judged, int m, String what) {
        AlarmState state = (breaching >= m) ? AlarmState.ALARM : AlarmState.OK;
        return new Evaluation(state, range, breaching, judged, what + ": " + breaching + " breaching, " + m
                + " needed");
    }

    private static int countBreaching(AlarmCondition condition, List<Double> values) {
        int count = 0;
        for (double value : values) {
            if (condition.comparison().breaches(value, condition.threshold())) {
                count++;
            }
        }
        return count;
    }
}
