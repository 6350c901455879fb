package dev.lambdalens.notification;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * A PagerDuty Events API v2 event: {@code trigger} when an alert fires, {@code resolve} when it stops, both with the
 * alert's dedup key so that PagerDuty resolves the incident it opened.
 */
@Component
class PagerDutyFormat implements NotificationFormat {

    @Override
    public ChannelType type() {
        return ChannelType.PAGERDUTY;
    }

    @Override
    public Object body(Map<String, Object> event, Channel channel) {
        // a test opens an incident too: that is what proves the routing key works
        boolean firing = !"resolved".equals(event.get("status"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", String.valueOf(channel.secret()));
        body.put("event_action", firing ? "trigger" : "resolve");
        body.put("dedup_key", "lambdalens-alert-" + event.get("alertId"));
        if (firing) {
            body.put("payload", Map.of("summary", NotificationFormat.title(event) + " · "
                    + NotificationFormat.target(event), "source", "lambdalens", "severity",
                    String.valueOf(event.get("severity")).toLowerCase(Locale.ROOT), "timestamp",
                    String.valueOf(event.get("at")), "custom_details", event));
        }
        return body;
    }
}
