package dev.lambdalens.metrics;

import org.jspecify.annotations.Nullable;

/**
 * Identifies one stored time series: a metric and statistic of one function, or of a whole account in a region
 * when {@code functionName} is {@code null}.
 */
public record SeriesKey(String account, String region, @Nullable String functionName, LambdaMetric metric,
        Statistic statistic) {

    public SeriesKey {
        if (!metric.statistics().contains(statistic)) {
            throw new IllegalArgumentException(
                    "Statistic " + statistic.wireName() + " is not collected for " + metric.metricName());
        }
        if (functionName == null && !metric.scope().perAccount()) {
            throw new IllegalArgumentException(metric.metricName() + " has no account-level series");
        }
        if (functionName != null && !metric.scope().perFunction()) {
            throw new IllegalArgumentException(metric.metricName() + " is an account-level metric only");
        }
    }

    public static SeriesKey ofFunction(String account, String region, String functionName, LambdaMetric metric,
            Statistic statistic) {
        return new SeriesKey(account, region, functionName, metric, statistic);
    }

    public static SeriesKey ofAccount(String account, String region, LambdaMetric metric, Statistic statistic) {
        return new SeriesKey(account, region, null, metric, statistic);
    }

    public boolean accountLevel() {
        return this.functionName == null;
    }
}
