package dev.lambdalens.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.FunctionTriggers;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.MetricAvailability;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;

/**
 * The series collected for one account and region: every account-level metric, and per active function the
 * metrics that can exist for it. CloudWatch bills each metric requested, whether or not it has data, so the optional
 * ones are asked for only where the function's triggers say they exist: stream metrics for stream mappings,
 * asynchronous ones for functions invoked asynchronously, provisioned concurrency per alias or version that has it,
 * event counts per mapping that publishes them.
 */
final class SeriesPlan {

    private SeriesPlan() {
    }

    static List<SeriesKey> forRegion(String account, String region, List<FunctionSummary> functions) {
        List<SeriesKey> series = new ArrayList<>(forAccount(account, region));
        series.addAll(forFunctions(account, region, functions));
        return series;
    }

    /** Every account-level metric and statistic. */
    static List<SeriesKey> forAccount(String account, String region) {
        List<SeriesKey> series = new ArrayList<>();
        for (LambdaMetric metric : LambdaMetric.values()) {
            if (metric.scope().perAccount() && !metric.fromLogs()) {
                for (Statistic statistic : metric.statistics()) {
                    series.add(SeriesKey.ofAccount(account, region, metric, statistic));
                }
            }
        }
        return series;
    }

    /** The series of functions nothing is known to trigger: the metrics every function has. */
    static List<SeriesKey> forFunctions(String account, String region, List<FunctionSummary> functions) {
        return forFunctions(account, region, functions, Map.of());
    }

    /**
     * Per function, the metrics that can exist for it: those every function has, Lambda Insights ones where it has
     * the extension, and those its triggers say exist; none of the figures read from logs (the logs module writes
     * those).
     */
    static List<SeriesKey> forFunctions(String account, String region, List<FunctionSummary> functions,
            Map<String, FunctionTriggers> triggers) {
        List<SeriesKey> series = new ArrayList<>();
        for (FunctionSummary function : functions) {
            FunctionTriggers known = triggers.getOrDefault(function.name(), FunctionTriggers.none(function.name()));
            for (LambdaMetric metric : LambdaMetric.values()) {
                if (!metric.scope().perFunction()) {
                    continue;
                }
                for (String qualifier : qualifiers(metric.availability(), function, known)) {
                    for (Statistic statistic : metric.statistics()) {
                        series.add((qualifier.isEmpty())
                                ? SeriesKey.ofFunction(account, region, function.name(), metric, statistic)
                                : SeriesKey.ofQualified(account, region, function.name(), qualifier, metric,
                                        statistic));
                    }
                }
            }
        }
        return series;
    }

    /** The series of the metric the function has: none, one for the function ({@code ""}), or one per qualifier. */
    private static List<String> qualifiers(MetricAvailability availability, FunctionSummary function,
            FunctionTriggers triggers) {
        return triggers.publishes(availability, function.lambdaInsights()) ? List.of("")
                : triggers.qualifiers(availability);
    }
}
