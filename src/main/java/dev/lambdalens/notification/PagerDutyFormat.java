package dev.lambdalens.notification;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A PagerDuty Events API v2 event, one incident per rule: {@code trigger} when alerts of the rule fire (PagerDuty
 * folds repeated triggers into the open incident), {@code resolve} only once none of the rule's alerts is firing.
 */
@Component
class PagerDutyFormat implements NotificationFormat {

    @Override
    public ChannelType type() {
        return ChannelType.PAGERDUTY;
    }

    @Override
    public @Nullable Object body(Map<String, Object> event, Channel channel) {
        // a test opens an incident too: that is what proves the routing key works
        boolean firing = !"resolved".equals(event.get("status"));
        if (!firing && ((Number) event.getOrDefault("ruleStillFiring", 0)).intValue() > 0) {
            return null; // other alerts of the rule still fire: the incident stays open
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", String.valueOf(channel.secret()));
        body.put("event_action", firing ? "trigger" : "resolve");
        body.put("dedup_key", "lambdalens-rule-" + event.get("ruleId"));
        if (firing) {
            body.put("payload", Map.of("summary", NotificationFormat.title(event) + " · "
                    + NotificationFormat.target(event), "source", "lambdalens", "severity",
                    String.valueOf(event.get("severity")).toLowerCase(Locale.ROOT), "timestamp",
                    String.valueOf(event.get("at")), "custom_details", event));
        }
        return body;
    }
}
