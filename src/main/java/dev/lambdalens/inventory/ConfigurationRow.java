package dev.lambdalens.inventory;

import java.time.Instant;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * One stored row of a function's configuration history.
 */
@Embeddable
class ConfigurationRow {

    private Instant validFrom;

    private int memoryMb;

    @Enumerated(EnumType.STRING)
    private Architecture architecture;

    private int ephemeralStorageMb;

    @SuppressWarnings("NullAway.Init")
    protected ConfigurationRow() {
        // for JPA
    }

    ConfigurationRow(Instant validFrom, DiscoveredFunction function) {
        this.validFrom = validFrom;
        this.memoryMb = function.memoryMb();
        this.architecture = function.architecture();
        this.ephemeralStorageMb = function.ephemeralStorageMb();
    }

    ConfigurationPeriod toPeriod() {
        return new ConfigurationPeriod(this.validFrom, this.memoryMb, this.architecture, this.ephemeralStorageMb);
    }
}
