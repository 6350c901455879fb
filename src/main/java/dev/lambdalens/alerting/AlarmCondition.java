package dev.lambdalens.alerting;

import java.time.Duration;

/**
 * When a rule is in ALARM: {@code datapointsToAlarm} (M) of the last {@code evaluationPeriods} (N) periods breach
 * the threshold, periods without data treated as {@code missingData} says.
 *
 * @param comparison how a datapoint is compared with the threshold
 * @param threshold the threshold
 * @param period the length of one datapoint (a multiple of a minute)
 * @param evaluationPeriods N, the periods judged
 * @param datapointsToAlarm M, how many of them must breach (need not be consecutive)
 * @param missingData how periods without a datapoint count
 * @param pendingFor how long a breach must last before the alert fires (as Grafana's pending period); zero fires at
 * once
 * @param keepFiringFor how long a recovery must last before a firing alert resolves; zero resolves at once
 */
public record AlarmCondition(Comparison comparison, double threshold, Duration period, int evaluationPeriods,
        int datapointsToAlarm, MissingData missingData, Duration pendingFor, Duration keepFiringFor) {

    /** A condition that fires and resolves as soon as the periods say so, as CloudWatch alarms do. */
    public AlarmCondition(Comparison comparison, double threshold, Duration period, int evaluationPeriods,
            int datapointsToAlarm, MissingData missingData) {
        this(comparison, threshold, period, evaluationPeriods, datapointsToAlarm, missingData, Duration.ZERO,
                Duration.ZERO);
    }

    public AlarmCondition {
        if (pendingFor.isNegative() || pendingFor.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("pendingFor must be between 0 and one day");
        }
        if (keepFiringFor.isNegative() || keepFiringFor.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("keepFiringFor must be between 0 and one day");
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a finite number");
        }
        if (period.toSeconds() < 60 || period.toSeconds() % 60 != 0) {
            throw new IllegalArgumentException("period must be a whole number of minutes, at least one");
        }
        if (evaluationPeriods < 1) {
            throw new IllegalArgumentException("evaluationPeriods must be at least 1");
        }
        if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
            throw new IllegalArgumentException("datapointsToAlarm must be between 1 and evaluationPeriods ("
                    + evaluationPeriods + ")");
        }
        if (period.multipliedBy(evaluationPeriods).compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(
                    "period x evaluationPeriods must not exceed one day, as for CloudWatch alarms");
        }
    }

    /**
     * How many of the most recent periods an evaluation looks at: more than N, so that datapoints that are late or
     * a period behind still count (CloudWatch retrieves 5 for an alarm of 3 periods).
     */
    public int evaluationRange() {
        return this.evaluationPeriods + 2;
    }
}
