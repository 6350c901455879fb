package dev.lambdalens.cost;

import java.time.LocalDate;

import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.metrics.FunctionRef;

/**
 * What one function used on one UTC day under one configuration: requests (Invocations), compute (Sum of Duration
 * times memory) and ephemeral storage above the included 512 MB (Sum of Duration times the extra size).
 */
public record Usage(FunctionRef function, LocalDate day, Architecture architecture, double requests,
        double gbSeconds, double ephemeralGbSeconds) {
}
