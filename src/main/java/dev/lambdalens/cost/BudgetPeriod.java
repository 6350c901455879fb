package dev.lambdalens.cost;

/** How a budget's period runs. */
public enum BudgetPeriod {
    /** Each calendar month (UTC), as AWS bills. */
    MONTHLY,
    /** Once, from a start date to an end date (both included). */
    CUSTOM
}
