package dev.lambdalens.alerting;

/**
 * Which functions a rule watches; each watched function (or account and region) gets its own alert and state.
 */
public enum RuleScope {
    /** Every function (or, for an account-level signal, every account and region). */
    ALL,
    /** The function named by the scope value. */
    FUNCTION,
    /** Functions whose name matches the scope value, a glob with {@code *} and {@code ?}. */
    NAME_PATTERN,
    /** Functions carrying the tag given as {@code key=value}. */
    TAG
}
