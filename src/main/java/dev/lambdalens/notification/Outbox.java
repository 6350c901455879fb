package dev.lambdalens.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.AlertTarget;
import dev.lambdalens.alerting.Severity;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Where every notification is owed: the event in LambdaLens's own form, and one delivery row per channel that should
 * hear it. First notifications and reminders both come through here.
 */
@Component
class Outbox {

    private final ChannelRepository channels;

    private final DeliveryRepository deliveries;

    private final JsonMapper json;

    private final Clock clock;

    Outbox(ChannelRepository channels, DeliveryRepository deliveries, JsonMapper json, Clock clock) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Owe {@code event} to the channels it concerns: those named in {@code channelIds} (every channel when none is
     * named) whose minimum severity {@code severity} meets. A channel is skipped for an event only about its own
     * failure (the built-in "Notifications given up" alert): it cannot carry that news, and trying again would only
     * owe it one more delivery it will give up.
     */
    void owe(Map<String, Object> event, Severity severity, List<Long> channelIds, boolean silenced) {
        String key = String.valueOf(event.get("idempotencyKey"));
        String payload = this.json.writeValueAsString(event);
        for (Channel channel : this.channels.findAll()) {
            boolean named = channelIds.isEmpty() || channelIds.contains(channel.id());
            if (named && channel.wants(severity) && !onlyAbout(channel, event)) {
                this.deliveries.save(new Delivery(channel.id(), key, payload, this.clock.instant(), silenced));
            }
        }
    }

    private static boolean onlyAbout(Channel channel, Map<String, Object> event) {
        if (!(event.get("alerts") instanceof List<?> alerts) || alerts.isEmpty()) {
            return false;
        }
        return alerts.stream()
            .allMatch((a) -> a instanceof Map<?, ?> alert && DeliveryFailures.ACCOUNT.equals(alert.get("account"))
                    && DeliveryFailures.REGION.equals(alert.get("region"))
                    && channel.name().equals(NotificationFormat.alertTarget(alert)));
    }

    /** An event about the alerts of one rule, in the form the outbox stores and the formats read. */
    static Map<String, Object> event(String key, boolean firing, boolean reminder, String rule, long ruleId,
            Severity severity, @Nullable String runbookUrl, Instant at, int ruleStillFiring,
            List<Map<String, Object>> alerts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", key);
        body.put("status", firing ? "firing" : "resolved");
        if (reminder) {
            body.put("reminder", true);
        }
        body.put("rule", rule);
        body.put("ruleId", ruleId);
        body.put("severity", severity.name());
        body.put("runbookUrl", runbookUrl);
        body.put("at", at.toString());
        body.put("count", alerts.size());
        body.put("ruleStillFiring", ruleStillFiring);
        body.put("alerts", alerts);
        return body;
    }

    /** One alert of an event. */
    static Map<String, Object> alert(long alertId, AlertTarget target, String from, String to, String reason) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("alertId", alertId);
        alert.put("account", target.account());
        alert.put("region", target.region());
        alert.put("function", target.functionName());
        if (target.qualifier() != null) {
            alert.put("qualifier", target.qualifier()); // the alias, version or mapping; absent for the others
        }
        alert.put("from", from);
        alert.put("to", to);
        alert.put("reason", reason);
        return alert;
    }
}
