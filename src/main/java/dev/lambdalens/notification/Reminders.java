package dev.lambdalens.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.AlertBoard;
import dev.lambdalens.alerting.AlertSummary;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends firing alerts again every repeat interval while they stay in ALARM, grouped per rule. An acknowledged alert
 * (someone is on it) or a silenced one is not repeated.
 */
@Component
class Reminders {

    private final AlertBoard board;

    private final AlertNotifiedRepository notified;

    private final ChannelRepository channels;

    private final DeliveryRepository deliveries;

    private final NotificationProperties properties;

    private final JsonMapper json;

    private final Clock clock;

    Reminders(AlertBoard board, AlertNotifiedRepository notified, ChannelRepository channels,
            DeliveryRepository deliveries, NotificationProperties properties, JsonMapper json, Clock clock) {
        this.board = board;
        this.notified = notified;
        this.channels = channels;
        this.deliveries = deliveries;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Owe a reminder for every rule with alerts due one; returns how many alerts were reminded of. */
    @Transactional
    int remind() {
        Instant now = this.clock.instant();
        Map<Long, List<AlertSummary>> due = new LinkedHashMap<>();
        for (AlertSummary alert : this.board.firing()) {
            if (alert.acknowledged() || alert.silenced()) {
                continue;
            }
            AlertNotified last = this.notified.findById(alert.id()).orElse(null);
            Instant since = (last != null) ? last.lastNotifiedAt() : alert.stateSince();
            if (!since.plus(this.properties.repeatInterval()).isAfter(now)) {
                due.computeIfAbsent(alert.ruleId(), (k) -> new ArrayList<>()).add(alert);
            }
        }
        int reminded = 0;
        for (List<AlertSummary> alerts : due.values()) {
            AlertSummary first = alerts.get(0);
            String key = "lambdalens-reminder-" + first.ruleId() + "-" + now.getEpochSecond();
            String payload = payload(alerts, key, now);
            for (Channel channel : this.channels.findAll()) {
                if (channel.wants(first.severity())) {
                    this.deliveries.save(new Delivery(channel.id(), key, payload, now, false));
                }
            }
            alerts.forEach((a) -> notified(a.id(), now));
            reminded += alerts.size();
        }
        return reminded;
    }

    /** Record that an alert went out now (a first notification or a reminder). */
    void notified(long alertId, Instant at) {
        this.notified.findById(alertId)
            .ifPresentOrElse((n) -> n.notified(at), () -> this.notified.save(new AlertNotified(alertId, at)));
    }

    private String payload(List<AlertSummary> alerts, String key, Instant now) {
        AlertSummary first = alerts.get(0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", key);
        body.put("status", "firing");
        body.put("reminder", true);
        body.put("rule", first.ruleName());
        body.put("ruleId", first.ruleId());
        body.put("severity", first.severity().name());
        body.put("runbookUrl", first.runbookUrl());
        body.put("at", now.toString());
        body.put("count", alerts.size());
        body.put("ruleStillFiring", alerts.size());
        List<Map<String, Object>> list = new ArrayList<>();
        for (AlertSummary a : alerts) {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("alertId", a.id());
            alert.put("account", a.account());
            alert.put("region", a.region());
            alert.put("function", a.function());
            alert.put("from", "ALARM");
            alert.put("to", "ALARM");
            alert.put("reason", "still firing since " + a.stateSince());
            list.add(alert);
        }
        body.put("alerts", list);
        return this.json.writeValueAsString(body);
    }

}
