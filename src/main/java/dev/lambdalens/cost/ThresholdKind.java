package dev.lambdalens.cost;

/** What a threshold is compared with, with AWS Budgets semantics. */
public enum ThresholdKind {
    /** Spend so far: notifies once per period, when first crossed. */
    ACTUAL,
    /** The period's forecast: notifies each time the forecast crosses the threshold again after falling back. */
    FORECASTED
}
