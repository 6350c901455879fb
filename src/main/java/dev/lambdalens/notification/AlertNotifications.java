package dev.lambdalens.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.AlertGroupChanged;
import dev.lambdalens.alerting.Silences;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the alerts of a rule that fired (or resolved) together into one delivery per interested channel, inside
 * the transaction that stores the changes: if the changes are stored, so is what they owe. Silenced alerts go into
 * a delivery of their own, logged as SILENCED and never sent.
 */
@Component
class AlertNotifications {

    private final Outbox outbox;

    private final Silences silences;

    private final Reminders reminders;

    private final java.time.Clock clock;

    AlertNotifications(Outbox outbox, Silences silences, Reminders reminders, java.time.Clock clock) {
        this.outbox = outbox;
        this.silences = silences;
        this.reminders = reminders;
        this.clock = clock;
    }

    /** Runs in the publisher's transaction (a plain listener, not a transactional one), by design. */
    @EventListener
    void on(AlertGroupChanged group) {
        List<AlertGroupChanged.Change> heard = new ArrayList<>();
        List<AlertGroupChanged.Change> silenced = new ArrayList<>();
        // a silence covers what is notified while it lasts: a change judged late (a backfill) counts when it is sent
        java.time.Instant now = this.clock.instant();
        Silences.InForce inForce = this.silences.inForce(now);
        for (AlertGroupChanged.Change change : group.changes()) {
            boolean quiet = inForce.silencing(group.ruleId(), change.target()).isPresent();
            (quiet ? silenced : heard).add(change);
        }
        owe(group, heard, false);
        owe(group, silenced, true);
        if (group.firing()) {
            heard.forEach((change) -> this.reminders.notified(change.alertId(), now));
        }
    }

    private void owe(AlertGroupChanged group, List<AlertGroupChanged.Change> changes, boolean silenced) {
        if (changes.isEmpty()) {
            return;
        }
        long first = changes.stream().mapToLong(AlertGroupChanged.Change::transitionId).min().orElseThrow();
        String key = "lambdalens-" + (group.firing() ? "firing" : "resolved") + "-" + first;
        List<Map<String, Object>> alerts = changes.stream()
            .map((c) -> {
                Map<String, Object> alert = Outbox.alert(c.alertId(), c.target(), c.from().name(), c.to().name(),
                        c.reason());
                alert.put("values", c.values()
                    .stream()
                    .map((v) -> java.util.Arrays.asList(v.periodEnd().toString(), v.value()))
                    .toList());
                return alert;
            })
            .toList();
        Map<String, Object> event = Outbox.event(key, group.firing(), false, group.ruleName(), group.ruleId(),
                group.severity(), group.runbookUrl(), group.at(), group.ruleStillFiring(), alerts);
        event.put("condition", group.condition());
        this.outbox.owe(event, group.severity(), group.channelIds(), silenced);
    }
}
