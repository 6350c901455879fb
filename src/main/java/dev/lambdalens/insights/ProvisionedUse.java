package dev.lambdalens.insights;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How one alias or version used the provisioned concurrency allocated to it now. {@code null} means no datapoint.
 *
 * @param allocatedSince since when it has had this allocation (as discovery saw it)
 * @param weekPeakUtilization the highest ProvisionedConcurrencyUtilization (0 to 1) over the last 7 days
 * @param weekPeakExecutions the highest ProvisionedConcurrentExecutions over the last 7 days
 * @param weekDataSince the first hour of the last 7 days with a utilization datapoint
 * @param invocations ProvisionedConcurrencyInvocations over the range
 * @param spillover ProvisionedConcurrencySpilloverInvocations over the range: invocations beyond the allocation,
 *     served on demand (with cold starts)
 * @param provisionedGbSecond the region's price of a GB-second allocated
 */
record ProvisionedUse(String account, String region, String function, String qualifier, int allocated, int memoryMb,
        Instant allocatedSince, @Nullable Double weekPeakUtilization, @Nullable Double weekPeakExecutions,
        @Nullable Instant weekDataSince, double invocations, double spillover, double provisionedGbSecond) {

    /** Spillover as a share (0 to 1) of the invocations of the alias or version. */
    double spilloverShare() {
        double all = this.invocations + this.spillover;
        return (all > 0) ? this.spillover / all : 0;
    }

    /** What one allocated environment costs for 30 days. */
    double monthlyCostPerEnvironment() {
        return this.memoryMb / 1024.0 * Recommender.MONTH_SECONDS * this.provisionedGbSecond;
    }
}
