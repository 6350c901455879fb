package dev.lambdalens.inventory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Provisioned concurrency configured on one alias or version (ListProvisionedConcurrencyConfigs).
 *
 * @param qualifier the alias or version it is configured on
 * @param requested the environments asked for
 * @param allocated the environments ready now (billed from allocation)
 * @param status {@code IN_PROGRESS}, {@code READY} or {@code FAILED}
 */
public record ProvisionedConcurrency(String qualifier, int requested, int allocated, String status,
        @Nullable Instant lastModified) {

    /** The {@code Resource} dimension value of its metrics: {@code function:qualifier}. */
    public String resource(String functionName) {
        return functionName + ":" + this.qualifier;
    }
}
