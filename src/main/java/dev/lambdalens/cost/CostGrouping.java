package dev.lambdalens.cost;

/** What a cost breakdown groups by. */
public enum CostGrouping {
    FUNCTION, REGION, TAG, ARCHITECTURE
}
