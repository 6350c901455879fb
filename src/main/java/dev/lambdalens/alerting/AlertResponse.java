package dev.lambdalens.alerting;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An alert as the API answers it; {@code function} is empty for an account-level alert.
 */
record AlertResponse(long id, long ruleId, String ruleName, Severity severity, String account, String region,
        String function, AlarmState state, Instant stateSince, @Nullable String reason,
        @Nullable String acknowledgedBy, @Nullable Instant acknowledgedAt, @Nullable String ackComment) {

    static AlertResponse of(Alert alert, AlertRule rule) {
        AlertTarget t = alert.target();
        RuleDefinition d = rule.definition();
        return new AlertResponse(alert.id(), alert.ruleId(), d.name(), d.severity(), t.account(), t.region(),
                t.function(), alert.state(), alert.stateSince(), alert.lastReason(), alert.acknowledgedBy(),
                alert.acknowledgedAt(), alert.ackComment());
    }

    /** One entry of an alert's history. */
    record TransitionResponse(AlarmState from, AlarmState to, Instant at, String reason, String datapoints) {

        static TransitionResponse of(AlertTransition t) {
            return new TransitionResponse(t.fromState(), t.toState(), t.at(), t.reason(), t.datapoints());
        }
    }
}
