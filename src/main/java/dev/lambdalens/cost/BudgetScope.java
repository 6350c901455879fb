package dev.lambdalens.cost;

/** Which functions' cost a budget counts. */
public enum BudgetScope {
    /** Every function (of the budget's account, when it names one). */
    ACCOUNT,
    /** Functions named in a comma-separated list; {@code *} matches any characters, as in {@code orders-*}. */
    FUNCTIONS,
    /** Functions carrying a tag, written {@code key=value}. */
    TAG
}
