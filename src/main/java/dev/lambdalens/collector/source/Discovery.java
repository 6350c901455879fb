package dev.lambdalens.collector.source;

import java.util.List;

import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.DiscoveredFunction;

/**
 * What a source reported about one account and region: its functions and its limits.
 */
public record Discovery(List<DiscoveredFunction> functions, AccountLimits limits) {

    public Discovery {
        functions = List.copyOf(functions);
    }
}
