package dev.lambdalens.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.AlertBoard;
import dev.lambdalens.alerting.AlertSummary;

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

    private final Outbox outbox;

    private final NotificationProperties properties;

    private final Clock clock;

    Reminders(AlertBoard board, AlertNotifiedRepository notified, Outbox outbox, NotificationProperties properties,
            Clock clock) {
        this.board = board;
        this.notified = notified;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /** Owe a reminder for every rule with alerts due one; returns how many alerts were reminded of. */
    @Transactional
    int remind() {
        Instant now = this.clock.instant();
        List<AlertSummary> firing = this.board.firing()
            .stream()
            .filter((alert) -> !alert.acknowledged() && !alert.silenced() && !alert.reported())
            .toList();
        Map<Long, Instant> lastNotified = new HashMap<>();
        this.notified.findAllById(firing.stream().map(AlertSummary::id).toList())
            .forEach((n) -> lastNotified.put(n.alertId(), n.lastNotifiedAt()));
        Map<Long, List<AlertSummary>> due = new LinkedHashMap<>();
        for (AlertSummary alert : firing) {
            Instant since = lastNotified.getOrDefault(alert.id(), alert.stateSince());
            if (!since.plus(this.properties.repeatInterval()).isAfter(now)) {
                due.computeIfAbsent(alert.ruleId(), (k) -> new ArrayList<>()).add(alert);
            }
        }
        int reminded = 0;
        for (List<AlertSummary> alerts : due.values()) {
            AlertSummary first = alerts.get(0);
            String key = "lambdalens-reminder-" + first.ruleId() + "-" + now.getEpochSecond();
            List<Map<String, Object>> listed = alerts.stream()
                .map((a) -> Outbox.alert(a.id(), a.target(), "ALARM",
                        "ALARM", "still firing since " + a.stateSince()))
                .toList();
            this.outbox.owe(Outbox.event(key, true, true, first.ruleName(), first.ruleId(), first.severity(),
                    first.runbookUrl(), now, alerts.size(), listed), first.severity(), first.channelIds(), false);
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
}
