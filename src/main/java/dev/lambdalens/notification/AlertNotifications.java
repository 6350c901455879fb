package dev.lambdalens.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.AlertGroupChanged;
import dev.lambdalens.alerting.Silences;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the alerts of a rule that fired (or resolved) together into one delivery per interested channel, inside
 * the transaction that stores the changes: if the changes are stored, so is what they owe. Silenced alerts go into
 * a delivery of their own, logged as SILENCED and never sent.
 */
@Component
class AlertNotifications {

    private final ChannelRepository channels;

    private final DeliveryRepository deliveries;

    private final JsonMapper json;

    private final Clock clock;

    private final Silences silences;

    private final Reminders reminders;

    AlertNotifications(ChannelRepository channels, DeliveryRepository deliveries, JsonMapper json, Clock clock,
            Silences silences, Reminders reminders) {
        this.reminders = reminders;
        this.channels = channels;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
        this.silences = silences;
    }

    /** Runs in the publisher's transaction (a plain listener, not a transactional one), by design. */
    @EventListener
    void on(AlertGroupChanged group) {
        List<AlertGroupChanged.Change> heard = new ArrayList<>();
        List<AlertGroupChanged.Change> silenced = new ArrayList<>();
        for (AlertGroupChanged.Change change : group.changes()) {
            boolean quiet = this.silences.silencing(group.ruleId(), change.target(), group.at()).isPresent();
            (quiet ? silenced : heard).add(change);
        }
        owe(group, heard, false);
        owe(group, silenced, true);
        if (group.firing()) {
            heard.forEach((change) -> this.reminders.notified(change.alertId(), group.at()));
        }
    }

    private void owe(AlertGroupChanged group, List<AlertGroupChanged.Change> changes, boolean silenced) {
        if (changes.isEmpty()) {
            return;
        }
        long first = changes.stream().mapToLong(AlertGroupChanged.Change::transitionId).min().orElseThrow();
        String key = "lambdalens-" + (group.firing() ? "firing" : "resolved") + "-" + first;
        String payload = payload(group, changes, key);
        for (Channel channel : this.channels.findAll()) {
            boolean named = group.channelIds().isEmpty() || group.channelIds().contains(channel.id());
            if (named && channel.wants(group.severity())) {
                this.deliveries.save(new Delivery(channel.id(), key, payload, this.clock.instant(), silenced));
            }
        }
    }

    private String payload(AlertGroupChanged group, List<AlertGroupChanged.Change> changes, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", key);
        body.put("status", group.firing() ? "firing" : "resolved");
        body.put("rule", group.ruleName());
        body.put("ruleId", group.ruleId());
        body.put("severity", group.severity().name());
        body.put("runbookUrl", group.runbookUrl());
        body.put("at", group.at().toString());
        body.put("count", changes.size());
        body.put("ruleStillFiring", group.ruleStillFiring());
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (AlertGroupChanged.Change change : changes) {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("alertId", change.alertId());
            alert.put("account", change.target().account());
            alert.put("region", change.target().region());
            alert.put("function", change.target().function());
            alert.put("from", change.from().name());
            alert.put("to", change.to().name());
            alert.put("reason", change.reason());
            alerts.add(alert);
        }
        body.put("alerts", alerts);
        return this.json.writeValueAsString(body);
    }
}
