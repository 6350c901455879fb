package dev.lambdalens.web;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One account and region on the overview: its concurrency limit and how close the last hour came to it (the peak
 * minute, {@code peakAt}, the first one when several share the peak).
 */
record RegionPanel(String account, String region, @Nullable Integer concurrencyLimit, @Nullable Double peakConcurrency,
        @Nullable Instant peakAt, int functions) {

    /** Peak concurrency as a share of the limit, when both are known. */
    public @Nullable Double peakShareOfLimit() {
        return (this.concurrencyLimit != null && this.concurrencyLimit > 0 && this.peakConcurrency != null)
                ? this.peakConcurrency / this.concurrencyLimit : null;
    }
}
