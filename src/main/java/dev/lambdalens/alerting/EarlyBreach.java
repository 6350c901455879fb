package dev.lambdalens.alerting;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Statistic;
import org.jspecify.annotations.Nullable;

/**
 * Judging a period before it has settled, where that cannot be wrong: a Sum or a Maximum only grows as late
 * datapoints arrive, so a rule that alarms above a threshold on one (and does not count missing periods as
 * breaching, and has no pending period) that alarms on what is stored now would alarm on whatever comes later too, provided it still alarms
 * when every period not settled yet that has no datapoint is taken as within the threshold. So a throttling minute
 * fetched at once because the account level moved raises its alert minutes before the settle delay would let it;
 * a recovery, and everything else, waits for the settle delay.
 */
final class EarlyBreach {

    private EarlyBreach() {
    }

    /** Whether a rule's breaches may be judged before they settle. */
    static boolean applies(RuleDefinition definition) {
        AlarmCondition condition = definition.condition();
        boolean rising = condition.comparison() == Comparison.GREATER_THAN_THRESHOLD
                || condition.comparison() == Comparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
        // a pending period is measured over the periods judged in order: a rule with one waits for them to settle
        return definition.signal() == Signal.METRIC && rising && condition.missingData() != MissingData.BREACHING
                && condition.pendingFor().isZero()
                && (definition.statistic() == Statistic.SUM || definition.statistic() == Statistic.MAXIMUM);
    }

    /**
     * The metrics a rule reads, as far as a fetch of some metrics' Sum alone (the account-signal fetch) can cover
     * them; empty when it cannot.
     */
    static Set<LambdaMetric> reads(RuleDefinition definition) {
        return switch (definition.signal()) {
            case METRIC -> (definition.metric() != null && definition.statistic() == Statistic.SUM)
                    ? EnumSet.of(definition.metric()) : EnumSet.noneOf(LambdaMetric.class);
            case ERROR_RATE -> EnumSet.of(LambdaMetric.ERRORS, LambdaMetric.INVOCATIONS);
            case THROTTLE_RATE -> EnumSet.of(LambdaMetric.THROTTLES, LambdaMetric.INVOCATIONS);
            default -> EnumSet.noneOf(LambdaMetric.class);
        };
    }

    /**
     * The ALARM judgement of an unsettled period, when it is certain.
     *
     * @param range the evaluation range ending with the period, oldest first
     * @param unsettled how many of its most recent periods have not settled
     */
    static Optional<Evaluation> evaluate(AlarmCondition condition, List<@Nullable Double> range, int unsettled,
            AlarmState current) {
        Evaluation now = AlarmEvaluator.evaluate(condition, range, current);
        if (now.state() != AlarmState.ALARM) {
            return Optional.empty();
        }
        List<@Nullable Double> worst = new ArrayList<>(range);
        double within = (condition.comparison() == Comparison.GREATER_THAN_THRESHOLD) ? condition.threshold()
                : Math.nextDown(condition.threshold());
        for (int i = Math.max(0, worst.size() - unsettled); i < worst.size(); i++) {
            if (worst.get(i) == null) {
                worst.set(i, within);
            }
        }
        return (AlarmEvaluator.evaluate(condition, worst, current).state() == AlarmState.ALARM) ? Optional.of(now)
                : Optional.empty();
    }
}
