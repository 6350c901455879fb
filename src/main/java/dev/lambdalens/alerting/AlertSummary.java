package dev.lambdalens.alerting;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An alert as pages show it; {@code function} is empty for an account-level alert, and {@code channelIds} are those
 * its rule names (empty: every channel of sufficient severity); {@code reported} alerts (a budget's) have their state
 * decided by another module, which notifies once per crossing, so they get no reminders; {@code paused} alerts
 * belong to a disabled rule (they left ALARM when it was disabled).
 */
public record AlertSummary(long id, long ruleId, String ruleName, Severity severity, String account, String region,
        String function, AlarmState state, Instant stateSince, @Nullable String reason,
        @Nullable String acknowledgedBy, @Nullable String runbookUrl, boolean silenced,
        java.util.List<Long> channelIds, boolean reported, boolean paused) {

    public boolean acknowledged() {
        return this.acknowledgedBy != null;
    }
}
