package dev.lambdalens.alerting;

import java.util.Locale;

/**
 * A rule's condition as an on-call engineer reads it: "Throttles (Sum, count) above 0 in 1 of 1 periods of 1 min;
 * missing data: not breaching".
 */
public final class ConditionWords {

    private ConditionWords() {
    }

    /** The condition in words, with threshold and unit. */
    public static String of(RuleDefinition rule) {
        AlarmCondition c = rule.condition();
        String words = signal(rule) + " " + comparison(c.comparison()) + " " + number(c.threshold()) + unitSuffix(rule)
                + " in " + c.datapointsToAlarm() + " of " + c.evaluationPeriods() + " periods of "
                + c.period().toMinutes() + " min; missing data: "
                + c.missingData().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (!c.pendingFor().isZero()) {
            words += "; pending for " + c.pendingFor().toMinutes() + " min";
        }
        if (!c.keepFiringFor().isZero()) {
            words += "; keep firing for " + c.keepFiringFor().toMinutes() + " min";
        }
        return words;
    }

    /** The unit of the rule's values: a percentage for derived shares, the metric's own otherwise. */
    public static String unit(RuleDefinition rule) {
        return switch (rule.signal()) {
            case METRIC -> (rule.metric() != null) ? rule.metric().unit().name().toLowerCase(Locale.ROOT) : "";
            case EXTERNAL -> "";
            case COLLECTION_FAILING, DATA_LAG, DISCOVERY_FAILING -> "min";
            default -> "%";
        };
    }

    /** What the rule compares, in words: "error rate", "Throttles (Sum)". */
    static String signalName(RuleDefinition rule) {
        return signal(rule);
    }

    private static String unitSuffix(RuleDefinition rule) {
        String unit = unit(rule);
        return unit.equals("%") ? "%" : unit.isEmpty() ? "" : " " + unit;
    }

    /** A derived signal in words ("error rate"); "metric" for a metric. */
    static String signalName(Signal signal) {
        return switch (signal) {
            case METRIC -> "metric";
            case ERROR_RATE -> "error rate";
            case THROTTLE_RATE -> "throttle rate";
            case ACCOUNT_CONCURRENCY_SHARE -> "account concurrency (share of the limit)";
            case RESERVED_CONCURRENCY_SHARE -> "concurrency (share of reserved)";
            case P99_SHARE_OF_TIMEOUT -> "p99 duration (share of the timeout)";
            case SPILLOVER_RATE -> "provisioned concurrency spillover rate";
            case ASYNC_AGE_SHARE -> "async event age (share of the maximum event age)";
            case STREAM_LAG_SHARE -> "stream lag (share of the stream's retention)";
            case EXTERNAL -> "reported value";
            case COLLECTION_FAILING -> "minutes of failing collection";
            case DISCOVERY_FAILING -> "minutes of failing discovery";
            case DATA_LAG -> "minutes of data lag";
        };
    }

    private static String signal(RuleDefinition rule) {
        if (rule.signal() == Signal.METRIC) {
            return (rule.metric() != null ? rule.metric().metricName() : "metric") + " ("
                    + (rule.statistic() != null ? rule.statistic().wireName() : "") + ")";
        }
        return signalName(rule.signal());
    }

    private static String comparison(Comparison comparison) {
        return switch (comparison) {
            case GREATER_THAN_THRESHOLD -> "above";
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> "at or above";
            case LESS_THAN_THRESHOLD -> "below";
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> "at or below";
        };
    }

    /**
     * A value rounded as people read it, as the alert page writes it: 3 significant digits, whole numbers from 100
     * up (grouped), no exponent.
     */
    public static String number(double value) {
        return Readings.number(value);
    }
}
