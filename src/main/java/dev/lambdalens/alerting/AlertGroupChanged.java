package dev.lambdalens.alerting;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Published, in the transaction that stores them, for the alerts of one rule that started firing (or stopped)
 * in one evaluation pass: one incident hitting forty functions is one group, and one notification.
 *
 * @param firing whether these alerts started firing, or stopped
 * @param ruleStillFiring how many alerts of the rule are in ALARM after this pass
 * @param channelIds the channels the rule names; empty means every channel whose minimum severity it meets
 * @param condition the rule's condition in words, with its threshold and unit
 */
public record AlertGroupChanged(long ruleId, String ruleName, Severity severity, @Nullable String runbookUrl,
        boolean firing, Instant at, List<Change> changes, int ruleStillFiring, List<Long> channelIds,
        String condition) {

    public AlertGroupChanged {
        changes = List.copyOf(changes);
        channelIds = List.copyOf(channelIds);
    }

    /**
     * One alert of the group.
     *
     * @param values the values that decided, oldest first, each with the end of its period
     */
    public record Change(long alertId, long transitionId, AlertTarget target, AlarmState from, AlarmState to,
            String reason, List<Value> values) {

        public Change {
            values = List.copyOf(values);
        }
    }

    /** One period's value; {@code value} is {@code null} where the period had no datapoint. */
    public record Value(Instant periodEnd, @Nullable Double value) {
    }
}
