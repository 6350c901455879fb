package dev.lambdalens.alerting;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An alert as pages show it; {@code function} is empty for an account-level alert, and the bare function name where
 * the alert is about one of its aliases, versions or mappings ({@code qualifier}); {@code channelIds} are those
 * its rule names (empty: every channel of sufficient severity); {@code reported} alerts (a budget's) have their state
 * decided by another module, which notifies once per crossing, so they get no reminders; {@code paused} alerts
 * belong to a disabled rule (they left ALARM when it was disabled).
 */
public record AlertSummary(long id, long ruleId, String ruleName, Severity severity, String account, String region,
        String function, @Nullable String qualifier, AlarmState state, Instant stateSince, @Nullable String reason,
        @Nullable String acknowledgedBy, @Nullable String runbookUrl, boolean silenced,
        java.util.List<Long> channelIds, boolean reported, boolean paused) {

    /** What the alert is about, as alerting keys it. */
    public AlertTarget target() {
        return (this.qualifier == null) ? new AlertTarget(this.account, this.region, this.function)
                : AlertTarget.qualified(this.account, this.region, this.function, this.qualifier);
    }

    /** The qualifier in words ("alias live", "mapping 1b2c3d4e…"), {@code null} where there is none. */
    public @Nullable String qualifierWords() {
        return (this.qualifier != null) ? AlertTarget.qualifierWords(this.qualifier) : null;
    }

    /** The function and qualifier in words ("checkout-api · alias live"); empty for an account-level alert. */
    public String label() {
        return AlertTarget.label(this.function, this.qualifier);
    }

    public boolean acknowledged() {
        return this.acknowledgedBy != null;
    }
}
