package dev.lambdalens.cost;

/** How a threshold's amount is read. */
public enum ThresholdUnit {
    /** A percentage of the budget's amount. */
    PERCENT,
    /** An amount in USD. */
    ABSOLUTE
}
