package dev.lambdalens.collector;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How collection of one account and region is going.
 *
 * @param health {@code PENDING} before the first cycle, {@code OK}, or {@code FAILING} when the last cycle failed
 * @param watermark the end of the last window fully stored
 * @param lagSeconds how far the stored data lags behind now (the oldest group that has series), {@code null}
 * before the first success
 * @param accountSeries account-level series polled every cycle
 * @param activeFunctionSeries series of functions invoked recently, polled at the function interval
 * @param idleFunctionSeries series of idle functions, polled at the idle interval
 * @param estimatedMonthlyMetrics GetMetricData metrics requested in 30 days at the current settings
 * @param estimatedMonthlyCostUsd what those cost in CloudWatch API fees
 * @param signalFetches GetMetricData calls made at once for the functions' errors or throttles because the
 * account-level series moved (billed on top of the polling above)
 * @param signalMetrics metrics those calls requested
 */
public record RegionStatus(String account, String region, Health health, @Nullable Instant watermark,
        @Nullable Instant lastAttemptAt, @Nullable Instant lastSuccessAt, @Nullable String lastError,
        @Nullable Instant lastErrorAt, long samplesStored, long cycles, long failures, @Nullable Long lagSeconds,
        int accountSeries, int activeFunctionSeries, int idleFunctionSeries, long estimatedMonthlyMetrics,
        double estimatedMonthlyCostUsd, long signalFetches, long signalMetrics) {

    /** The state of one account and region. */
    public enum Health {
        PENDING, OK, FAILING
    }
}
