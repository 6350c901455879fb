package dev.lambdalens.inventory;

/**
 * Where a function is, and whether it is still there: what a form offers to choose from, and what a rule naming a
 * function is checked against.
 */
public record FunctionPlace(String account, String region, String name, FunctionState state) {
}
