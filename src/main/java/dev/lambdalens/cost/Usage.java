package dev.lambdalens.cost;

import java.time.LocalDate;

import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.metrics.FunctionRef;

/**
 * What one function used on one UTC day under one configuration: requests (Invocations), compute and ephemeral
 * storage above the included 512 MB (Sum of Duration times the extra size).
 *
 * @param gbSeconds compute: billed durations times memory where REPORT lines covered every invocation (rounding and
 * INIT included, as billed), Sum of Duration times memory elsewhere
 * @param durationSumGbSeconds what Sum of Duration times memory alone says, to show the difference
 * @param source which of the two {@code gbSeconds} comes from
 * @param provisionedGbSeconds provisioned concurrency kept allocated: environments times memory times seconds (billed
 *     whether used or not, no free tier)
 * @param provisionedExecutedGbSeconds compute that ran on provisioned concurrency, billed at its own price instead of
 *     the on-demand one ({@code gbSeconds} is the on-demand part only)
 */
public record Usage(FunctionRef function, LocalDate day, Architecture architecture, double requests,
        double gbSeconds, double ephemeralGbSeconds, double durationSumGbSeconds, ComputeSource source,
        double provisionedGbSeconds, double provisionedExecutedGbSeconds) {

    /** Usage without provisioned concurrency. */
    public Usage(FunctionRef function, LocalDate day, Architecture architecture, double requests, double gbSeconds,
            double ephemeralGbSeconds, double durationSumGbSeconds, ComputeSource source) {
        this(function, day, architecture, requests, gbSeconds, ephemeralGbSeconds, durationSumGbSeconds, source, 0, 0);
    }

    /** Usage from Sum of Duration alone. */
    public Usage(FunctionRef function, LocalDate day, Architecture architecture, double requests, double gbSeconds,
            double ephemeralGbSeconds) {
        this(function, day, architecture, requests, gbSeconds, ephemeralGbSeconds, gbSeconds,
                ComputeSource.DURATION_SUM);
    }

    /** The same usage scaled, for projections. */
    Usage times(double share, LocalDate on) {
        return new Usage(this.function, on, this.architecture, this.requests * share, this.gbSeconds * share,
                this.ephemeralGbSeconds * share, this.durationSumGbSeconds * share, this.source,
                this.provisionedGbSeconds * share, this.provisionedExecutedGbSeconds * share);
    }

    /**
     * The same usage with provisioned concurrency: {@code allocatedGbSeconds} more kept allocated, and {@code share}
     * (0 to 1) of its compute moved from on-demand to provisioned execution.
     */
    Usage withProvisioned(double allocatedGbSeconds, double share) {
        return new Usage(this.function, this.day, this.architecture, this.requests, this.gbSeconds * (1 - share),
                this.ephemeralGbSeconds, this.durationSumGbSeconds * (1 - share), this.source,
                this.provisionedGbSeconds + allocatedGbSeconds,
                this.provisionedExecutedGbSeconds + this.gbSeconds * share);
    }

    /** Where a figure of compute comes from. */
    public enum ComputeSource {

        /** Sum of Duration times configured memory: under the bill by the 1 ms rounding and INIT phases. */
        DURATION_SUM("Duration Sum"),
        /** Billed durations from REPORT lines for every invocation: what the bill counts. */
        BILLED_DURATION("billed duration"),
        /** Billed durations for the hours REPORT lines covered, Sum of Duration for the rest. */
        MIXED("billed duration and Duration Sum");

        private final String label;

        ComputeSource(String label) {
            this.label = label;
        }

        public String label() {
            return this.label;
        }

        ComputeSource and(ComputeSource other) {
            return (this == other) ? this : MIXED;
        }
    }
}
