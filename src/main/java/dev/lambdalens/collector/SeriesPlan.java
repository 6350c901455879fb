package dev.lambdalens.collector;

import java.util.ArrayList;
import java.util.List;

import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;

/**
 * The series collected for one account and region: every per-function metric and statistic of each active
 * function, and every account-level one.
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

    /**
     * Every per-function metric and statistic of each function; Lambda Insights ones where it has the extension;
     * none of the figures read from logs (the logs module writes those).
     */
    static List<SeriesKey> forFunctions(String account, String region, List<FunctionSummary> functions) {
        List<SeriesKey> series = new ArrayList<>();
        for (FunctionSummary function : functions) {
            for (LambdaMetric metric : LambdaMetric.values()) {
                if (metric.scope().perFunction() && !metric.fromLogs()
                        && (!metric.insights() || function.lambdaInsights())) {
                    for (Statistic statistic : metric.statistics()) {
                        series.add(SeriesKey.ofFunction(account, region, function.name(), metric, statistic));
                    }
                }
            }
        }
        return series;
    }
}
