package dev.lambdalens.alerting;

import java.time.Instant;

/**
 * Published, in the transaction that stores it, when an alert changes state. Notifications use the grouped
 * {@link AlertGroupChanged}; this one is for listeners that want every single change.
 *
 * @param transitionId the stored transition: a stable idempotency key for every delivery of this change
 */
public record AlertStateChanged(long transitionId, long alertId, long ruleId, String ruleName, Severity severity,
        AlertTarget target, AlarmState from, AlarmState to, Instant at, String reason) {
}
