package dev.lambdalens.notification;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.lambdalens.alerting.AlarmState;
import dev.lambdalens.alerting.AlertStateChanged;
import dev.lambdalens.alerting.Silences;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns an alert's state change into one delivery per interested channel, inside the transaction that stores the
 * change: if the change is stored, so is what it owes; nothing falls between deciding and delivering.
 */
@Component
class AlertNotifications {

    private final ChannelRepository channels;

    private final DeliveryRepository deliveries;

    private final JsonMapper json;

    private final Clock clock;

    private final Silences silences;

    AlertNotifications(ChannelRepository channels, DeliveryRepository deliveries, JsonMapper json, Clock clock,
            Silences silences) {
        this.silences = silences;
        this.channels = channels;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    /** Runs in the publisher's transaction (a plain listener, not a transactional one), by design. */
    @EventListener
    void on(AlertStateChanged change) {
        if (!notable(change)) {
            return;
        }
        String key = idempotencyKey(change);
        String payload = payload(change, key);
        boolean silenced = this.silences.silencing(change.ruleId(), change.target(), change.at()).isPresent();
        for (Channel channel : this.channels.findAll()) {
            if (channel.wants(change.severity())) {
                this.deliveries.save(new Delivery(channel.id(), key, payload, this.clock.instant(), silenced));
            }
        }
    }

    /** Firing, and resolving from firing: what an on-call engineer needs to hear (not the first OK of a new alert). */
    static boolean notable(AlertStateChanged change) {
        return change.to() == AlarmState.ALARM || change.from() == AlarmState.ALARM;
    }

    static String idempotencyKey(AlertStateChanged change) {
        return "lambdalens-transition-" + change.transitionId();
    }

    private String payload(AlertStateChanged change, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", key);
        body.put("status", (change.to() == AlarmState.ALARM) ? "firing" : "resolved");
        body.put("rule", change.ruleName());
        body.put("ruleId", change.ruleId());
        body.put("alertId", change.alertId());
        body.put("severity", change.severity().name());
        body.put("account", change.target().account());
        body.put("region", change.target().region());
        body.put("function", change.target().function());
        body.put("from", change.from().name());
        body.put("to", change.to().name());
        body.put("at", change.at().toString());
        body.put("reason", change.reason());
        return this.json.writeValueAsString(body);
    }
}
