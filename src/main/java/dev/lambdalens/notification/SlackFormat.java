package dev.lambdalens.notification;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * A Slack incoming-webhook message in Block Kit: a header, the facts an on-call engineer scans, and the reason.
 */
@Component
class SlackFormat implements NotificationFormat {

    @Override
    public ChannelType type() {
        return ChannelType.SLACK;
    }

    @Override
    public Object body(Map<String, Object> event, Channel channel) {
        String title = NotificationFormat.title(event);
        return Map.of("text", title + " · " + NotificationFormat.target(event), "blocks", List.of(
                Map.of("type", "header", "text", Map.of("type", "plain_text", "text", title)),
                Map.of("type", "section", "fields", List.of(
                        field("Target", NotificationFormat.target(event)),
                        field("Severity", String.valueOf(event.get("severity"))),
                        field("State", event.get("from") + " → " + event.get("to")),
                        field("At", String.valueOf(event.get("at"))))),
                Map.of("type", "context", "elements",
                        List.of(Map.of("type", "mrkdwn", "text", String.valueOf(event.get("reason")))))));
    }

    private static Map<String, String> field(String name, String value) {
        return Map.of("type", "mrkdwn", "text", "*" + name + "*\n" + value);
    }
}
