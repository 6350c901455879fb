package dev.lambdalens.inventory;

/**
 * Whether a function still exists at its source; a gone function keeps its history.
 */
public enum FunctionState {
    ACTIVE, GONE
}
