package dev.lambdalens.web;

import org.jspecify.annotations.Nullable;

/**
 * One account and region on the overview: its concurrency limit and how close the last hour came to it.
 */
record RegionPanel(String account, String region, @Nullable Integer concurrencyLimit, @Nullable Double peakConcurrency,
        int functions) {

    /** Peak concurrency as a share of the limit, when both are known. */
    public @Nullable Double peakShareOfLimit() {
        return (this.concurrencyLimit != null && this.concurrencyLimit > 0 && this.peakConcurrency != null)
                ? this.peakConcurrency / this.concurrencyLimit : null;
    }
}
