package dev.lambdalens.insights;

import org.jspecify.annotations.Nullable;

/**
 * How close one account and region came to its concurrency limits over a range. Figures the store or the source
 * does not have are {@code null}, never guessed.
 *
 * @param concurrencyLimit the account's concurrency limit in the region
 * @param unreservedLimit the concurrency left to functions without reserved concurrency
 * @param peakClaimed the highest ClaimedAccountConcurrency (unreserved use + reserved + provisioned)
 * @param peakConcurrent the highest account-level ConcurrentExecutions
 * @param peakUnreserved the highest UnreservedConcurrentExecutions
 * @param reservedSum the reserved concurrency of the active functions together
 * @param unreservedLeft unreserved concurrency that stayed free at the peak ({@code unreservedLimit - peakUnreserved})
 * @param reservableLeft how much more can still be reserved (Lambda keeps 100 unreserved)
 */
public record RegionHeadroom(String account, String region, @Nullable Integer concurrencyLimit,
        @Nullable Integer unreservedLimit, @Nullable Double peakClaimed, @Nullable Double peakConcurrent,
        @Nullable Double peakUnreserved, int reservedSum, @Nullable Double unreservedLeft,
        @Nullable Integer reservableLeft) {

    /** The higher of the claimed and executing peaks as a percentage of the limit. */
    public @Nullable Double peakShare() {
        Double peak = (this.peakClaimed != null) ? this.peakClaimed : this.peakConcurrent;
        if (peak == null || this.concurrencyLimit == null || this.concurrencyLimit == 0) {
            return null;
        }
        double claimed = peak;
        if (this.peakConcurrent != null) {
            claimed = Math.max(claimed, this.peakConcurrent);
        }
        return claimed * 100 / this.concurrencyLimit;
    }
}
