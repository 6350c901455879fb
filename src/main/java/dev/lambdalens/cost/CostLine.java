package dev.lambdalens.cost;

import java.time.LocalDate;

import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.metrics.FunctionRef;

/**
 * What one function's usage on one day costs, in USD, after the free tier and tiers were shared out.
 *
 * @param arm64ComputeCost what the same compute would have cost on arm64 (equal to {@code computeCost} for arm64)
 * @param provisionedCost provisioned concurrency: allocated GB-s at its price plus executed GB-s at its price
 */
public record CostLine(Usage usage, double requestCost, double computeCost, double ephemeralStorageCost,
        double arm64ComputeCost, double provisionedCost) {

    /** A line without provisioned concurrency. */
    public CostLine(Usage usage, double requestCost, double computeCost, double ephemeralStorageCost,
            double arm64ComputeCost) {
        this(usage, requestCost, computeCost, ephemeralStorageCost, arm64ComputeCost, 0);
    }

    public FunctionRef function() {
        return this.usage.function();
    }

    public LocalDate day() {
        return this.usage.day();
    }

    public Architecture architecture() {
        return this.usage.architecture();
    }

    public double total() {
        return this.requestCost + this.computeCost + this.ephemeralStorageCost + this.provisionedCost;
    }

    /**
     * What the compute would have cost from Sum of Duration alone, at the same effective rate: equal to
     * {@code computeCost} where no billed durations were known.
     */
    public double durationSumComputeCost() {
        return (this.usage.gbSeconds() > 0)
                ? this.computeCost * this.usage.durationSumGbSeconds() / this.usage.gbSeconds() : this.computeCost;
    }

    /** What moving this compute to arm64 would save, assuming the same duration. */
    public double arm64Saving() {
        return Math.max(0, this.computeCost - this.arm64ComputeCost);
    }
}
