package dev.lambdalens.collector.source;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.lambdalens.inventory.FunctionSummary;

/**
 * What a discovery starts from: the functions already known in the account and region, and whether this round asks
 * every function for its details again (the slow full refresh) or only the new and changed ones, and the functions
 * whose details could not be read last time, to ask again.
 */
public record KnownInventory(Map<String, FunctionSummary> byName, boolean fullRefresh, Set<String> askAgain) {

    public KnownInventory {
        byName = Map.copyOf(byName);
        askAgain = Set.copyOf(askAgain);
    }

    public static KnownInventory of(List<FunctionSummary> functions, boolean fullRefresh, Set<String> askAgain) {
        return new KnownInventory(functions.stream()
            .collect(Collectors.toMap(FunctionSummary::name, Function.identity(), (a, b) -> a)), fullRefresh,
                askAgain);
    }

    /** Whether the function's details are to be read again, even if its listed configuration has not changed. */
    public boolean askAgain(String function) {
        return this.fullRefresh || this.askAgain.contains(function);
    }
}
