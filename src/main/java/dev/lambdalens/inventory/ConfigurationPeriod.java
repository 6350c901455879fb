package dev.lambdalens.inventory;

import java.time.Instant;

/**
 * What a function's cost depended on from {@code validFrom} until the next period: memory, architecture and
 * ephemeral storage. The first period of a function starts at the epoch: before its discovery, the configuration
 * first seen is the best knowledge there is.
 */
public record ConfigurationPeriod(Instant validFrom, int memoryMb, Architecture architecture, int ephemeralStorageMb) {

    boolean sameSettingsAs(DiscoveredFunction function) {
        return this.memoryMb == function.memoryMb() && this.architecture == function.architecture()
                && this.ephemeralStorageMb == function.ephemeralStorageMb();
    }
}
