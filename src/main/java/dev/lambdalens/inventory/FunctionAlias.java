package dev.lambdalens.inventory;

import java.util.Map;

/**
 * An alias of a function: a name pointing at a version, possibly shifting part of the traffic to another (a weighted
 * rollout).
 *
 * @param additionalVersionWeights the other versions and the share of invocations each gets (0 to 1)
 */
public record FunctionAlias(String name, String version, Map<String, Double> additionalVersionWeights) {

    public FunctionAlias {
        additionalVersionWeights = Map.copyOf(additionalVersionWeights);
    }
}
