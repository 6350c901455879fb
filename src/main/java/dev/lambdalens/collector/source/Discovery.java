package dev.lambdalens.collector.source;

import java.util.List;
import java.util.Map;

import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.DiscoveredFunction;

/**
 * What a source reported about one account and region: its functions and its limits, and the functions whose
 * details could not be read (by name, with the reason), which are reported with what was last known of them.
 */
public record Discovery(List<DiscoveredFunction> functions, AccountLimits limits, Map<String, String> problems) {

    public Discovery {
        functions = List.copyOf(functions);
        problems = Map.copyOf(problems);
    }

    /** A discovery that read everything it asked for. */
    public Discovery(List<DiscoveredFunction> functions, AccountLimits limits) {
        this(functions, limits, Map.of());
    }
}
