package dev.lambdalens.notification;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * A Microsoft Teams message carrying an Adaptive Card, as a Teams Workflows webhook ("Post to a channel when a
 * webhook request is received") takes it; the workflow answers {@code 202 Accepted}. (Office 365 connector
 * "incoming webhooks" are retired.)
 */
@Component
class TeamsFormat implements NotificationFormat {

    @Override
    public ChannelType type() {
        return ChannelType.TEAMS;
    }

    @Override
    public Object body(Map<String, Object> event, Channel channel) {
        Map<String, Object> card = Map.of("$schema", "http://adaptivecards.io/schemas/adaptive-card.json", "type",
                "AdaptiveCard", "version", "1.4", "body", List.of(
                        Map.of("type", "TextBlock", "text", NotificationFormat.title(event), "weight", "Bolder",
                                "size", "Medium", "wrap", true),
                        Map.of("type", "FactSet", "facts", List.of(
                                Map.of("title", "Severity", "value", String.valueOf(event.get("severity"))),
                                Map.of("title", "At", "value", String.valueOf(event.get("at"))),
                                Map.of("title", "Condition", "value", String.valueOf(event.getOrDefault("condition",
                                        ""))))),
                        Map.of("type", "TextBlock", "text", "- " + String.join("\n- ", NotificationFormat.lines(event)),
                                "wrap", true)));
        return Map.of("type", "message", "attachments",
                List.of(Map.of("contentType", "application/vnd.microsoft.card.adaptive", "content", card)));
    }
}
