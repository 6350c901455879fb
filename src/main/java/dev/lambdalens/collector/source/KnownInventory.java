package dev.lambdalens.collector.source;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.InvocationSetup;

/**
 * What a discovery starts from: the functions already known in the account and region, and whether this round asks
 * every function for its details again (the slow full refresh) or only the new and changed ones, and the functions
 * whose details could not be read last time, to ask again; and the invocation setups of the functions with aliases,
 * whose aliases are read at every discovery (an alias' weights change without changing the function).
 */
public record KnownInventory(Map<String, FunctionSummary> byName, boolean fullRefresh, Set<String> askAgain,
        Map<String, InvocationSetup> aliased) {

    public KnownInventory {
        byName = Map.copyOf(byName);
        askAgain = Set.copyOf(askAgain);
        aliased = Map.copyOf(aliased);
    }

    public static KnownInventory of(List<FunctionSummary> functions, boolean fullRefresh, Set<String> askAgain) {
        return of(functions, fullRefresh, askAgain, Map.of());
    }

    /** @param setups the known invocation setups by function; those with aliases are kept */
    public static KnownInventory of(List<FunctionSummary> functions, boolean fullRefresh, Set<String> askAgain,
            Map<String, InvocationSetup> setups) {
        return new KnownInventory(functions.stream()
            .collect(Collectors.toMap(FunctionSummary::name, Function.identity(), (a, b) -> a)), fullRefresh,
                askAgain, setups.entrySet()
                    .stream()
                    .filter((e) -> !e.getValue().aliases().isEmpty())
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Whether the function's details are to be read again, even if its listed configuration has not changed. */
    public boolean askAgain(String function) {
        return this.fullRefresh || this.askAgain.contains(function);
    }
}
