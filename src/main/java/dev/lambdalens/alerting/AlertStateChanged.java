package dev.lambdalens.alerting;

import java.time.Instant;

/**
 * Published, in the transaction that stores it, when an alert changes state; the notification module delivers it.
 *
 * @param transitionId the stored transition: a stable idempotency key for every delivery of this change
 */
public record AlertStateChanged(long transitionId, long alertId, long ruleId, String ruleName, Severity severity,
        AlertTarget target, AlarmState from, AlarmState to, Instant at, String reason) {
}
