package dev.lambdalens.runtime;

/**
 * The kinds of work that each get a pool of their own, so that one kind running slow never holds up another.
 */
public enum WorkKind {

    /** Metric collection units (one per account and region). */
    COLLECTION,
    /** Discovery units (one per account and region): control-plane calls, slow and rarely urgent. */
    DISCOVERY,
    /** Rule evaluation. */
    EVALUATION,
    /** Notification deliveries, one channel per thread at a time, and the Alertmanager re-posts. */
    DELIVERY,
    /** Reminders, budgets, roll-up, retention and provisioning. */
    HOUSEKEEPING
}
