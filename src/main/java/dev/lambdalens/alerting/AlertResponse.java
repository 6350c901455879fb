package dev.lambdalens.alerting;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An alert as the API answers it; {@code function} is empty for an account-level alert, and always a function's
 * name (as the inventory and {@code /api/v1/functions} name it); {@code qualifier} is the alias, version or event
 * source mapping UUID an alert on a metric kept per qualifier is about, {@code null} for the others.
 */
record AlertResponse(long id, long ruleId, String ruleName, Severity severity, String account, String region,
        String function, @Nullable String qualifier, AlarmState state, Instant stateSince, @Nullable String reason,
        @Nullable String acknowledgedBy, @Nullable Instant acknowledgedAt, @Nullable String ackComment) {

    static AlertResponse of(Alert alert, AlertRule rule) {
        AlertTarget t = alert.target();
        RuleDefinition d = rule.definition();
        boolean reported = d.signal() == Signal.EXTERNAL; // a budget's or a channel's name, never qualified
        return new AlertResponse(alert.id(), alert.ruleId(), d.name(), d.severity(), t.account(), t.region(),
                reported ? t.function() : t.functionName(), reported ? null : t.qualifier(), alert.state(),
                alert.stateSince(), alert.lastReason(), alert.acknowledgedBy(), alert.acknowledgedAt(),
                alert.ackComment());
    }

    /** The qualifier in words ("alias live", "mapping 1b2c3d4e…"), {@code null} where there is none. */
    public @Nullable String qualifierWords() {
        return (this.qualifier != null) ? AlertTarget.qualifierWords(this.qualifier) : null;
    }

    /** The function and qualifier in words, as pages show them ("checkout-api · alias live"). */
    public String label() {
        return AlertTarget.label(this.function, this.qualifier);
    }

    /** One entry of an alert's history. */
    record TransitionResponse(AlarmState from, AlarmState to, Instant at, String reason, String datapoints) {

        static TransitionResponse of(AlertTransition t) {
            return new TransitionResponse(t.fromState(), t.toState(), t.at(), t.reason(), t.datapoints());
        }
    }
}
