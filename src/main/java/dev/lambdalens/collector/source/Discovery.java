package dev.lambdalens.collector.source;

import java.util.List;
import java.util.Map;

import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.EventSourceMapping;
import org.jspecify.annotations.Nullable;

/**
 * What a source reported about one account and region: its functions and its limits, and the functions whose
 * details could not be read (by name, with the reason), which are reported with what was last known of them; and
 * the event source mappings of the account and region ({@code null} when they could not be listed: the known ones
 * stay).
 */
public record Discovery(List<DiscoveredFunction> functions, AccountLimits limits, Map<String, String> problems,
        @Nullable List<EventSourceMapping> mappings) {

    public Discovery {
        functions = List.copyOf(functions);
        problems = Map.copyOf(problems);
        mappings = (mappings != null) ? List.copyOf(mappings) : null;
    }

    /** A discovery that did not list event source mappings. */
    public Discovery(List<DiscoveredFunction> functions, AccountLimits limits, Map<String, String> problems) {
        this(functions, limits, problems, null);
    }

    /** A discovery that read everything it asked for. */
    public Discovery(List<DiscoveredFunction> functions, AccountLimits limits) {
        this(functions, limits, Map.of());
    }
}
