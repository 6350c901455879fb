package dev.lambdalens.metrics;

/**
 * A function as the metric store names it: account, region and function name.
 */
public record FunctionRef(String account, String region, String name) {
}
