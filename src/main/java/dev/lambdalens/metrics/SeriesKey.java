package dev.lambdalens.metrics;

import org.jspecify.annotations.Nullable;

/**
 * Identifies one stored time series: a metric and statistic of one function, or of a whole account in a region
 * when {@code functionName} is {@code null}. A metric kept per alias or version, or per event source mapping, names
 * {@code function:qualifier} (the alias or version, as CloudWatch's {@code Resource} dimension does, or the
 * mapping's UUID): function names never contain a colon.
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
        if (functionName != null && metric.qualified() != (functionName.indexOf(':') > 0)) {
            throw new IllegalArgumentException(metric.qualified()
                    ? metric.metricName() + " is kept per alias, version or mapping: name function:qualifier"
                    : metric.metricName() + " is kept per function: '" + functionName + "' is not a function name");
        }
    }

    /** A series of a metric kept per alias or version, or per event source mapping. */
    public static SeriesKey ofQualified(String account, String region, String functionName, String qualifier,
            LambdaMetric metric, Statistic statistic) {
        return new SeriesKey(account, region, functionName + ":" + qualifier, metric, statistic);
    }

    /** The function the series belongs to, without its qualifier; {@code null} at the account level. */
    public @Nullable String function() {
        if (this.functionName == null) {
            return null;
        }
        int colon = this.functionName.indexOf(':');
        return (colon > 0) ? this.functionName.substring(0, colon) : this.functionName;
    }

    /** The alias, version or mapping UUID of a qualified series; {@code null} for the others. */
    public @Nullable String qualifier() {
        if (this.functionName == null) {
            return null;
        }
        int colon = this.functionName.indexOf(':');
        return (colon > 0) ? this.functionName.substring(colon + 1) : null;
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
