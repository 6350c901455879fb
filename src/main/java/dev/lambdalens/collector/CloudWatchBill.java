package dev.lambdalens.collector;

import java.time.Duration;

/**
 * What polling costs at the current settings: GetMetricData bills per metric requested, so a month costs the series
 * of each group times the number of times a month that group is fetched.
 */
final class CloudWatchBill {

    static final Duration MONTH = Duration.ofDays(30);

    private CloudWatchBill() {
    }

    static long monthlyMetrics(int accountSeries, int activeFunctionSeries, int idleFunctionSeries,
            CollectorProperties properties) {
        return accountSeries * fetchesPerMonth(properties.interval())
                + activeFunctionSeries * fetchesPerMonth(properties.functionInterval())
                + idleFunctionSeries * fetchesPerMonth(properties.idleFunctionInterval());
    }

    static double monthlyCostUsd(long monthlyMetrics, CollectorProperties properties) {
        return Math.round(monthlyMetrics / 1000.0 * properties.pricePerThousandMetrics() * 100) / 100.0;
    }

    private static long fetchesPerMonth(Duration interval) {
        return MONTH.toSeconds() / interval.toSeconds();
    }
}
