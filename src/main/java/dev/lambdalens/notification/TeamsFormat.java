package dev.lambdalens.notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * A Microsoft Teams message carrying an Adaptive Card, as a Teams Workflows webhook ("Post to a channel when a
 * webhook request is received") takes it; the workflow answers {@code 202 Accepted}. (Office 365 connector
 * "incoming webhooks" are retired.) With {@code lambdalens.public-url} set, each alert's line links to its page and
 * the card's buttons open the alert (or, for a group, the alerts page); without it, the card carries no links.
 */
@Component
class TeamsFormat implements NotificationFormat {

    private final NotificationLinks links;

    TeamsFormat(NotificationLinks links) {
        this.links = links;
    }

    @Override
    public ChannelType type() {
        return ChannelType.TEAMS;
    }

    @Override
    public Object body(Map<String, Object> event, Channel channel) {
        List<Map<String, Object>> alerts = NotificationFormat.alerts(event);
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> alert : alerts.subList(0, Math.min(alerts.size(), NotificationFormat.LISTED))) {
            String link = this.links.alert(alert.get("alertId"));
            lines.add(NotificationFormat.line(alert, channel.zone()) + ((link != null) ? " [Open](" + link + ")" : ""));
        }
        if (alerts.size() > NotificationFormat.LISTED) {
            lines.add("and " + (alerts.size() - NotificationFormat.LISTED) + " more");
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", List.of(
                Map.of("type", "TextBlock", "text", NotificationFormat.title(event), "weight", "Bolder", "size",
                        "Medium", "wrap", true),
                Map.of("type", "FactSet", "facts", List.of(
                        Map.of("title", "Severity", "value", String.valueOf(event.get("severity"))),
                        Map.of("title", "At", "value", NotificationFormat.at(event, channel.zone())),
                        Map.of("title", "Condition", "value", String.valueOf(event.getOrDefault("condition", ""))))),
                Map.of("type", "TextBlock", "text", "- " + String.join("\n- ", lines), "wrap", true)));
        List<Map<String, Object>> actions = new ArrayList<>();
        String open = (alerts.size() == 1) ? this.links.alert(alerts.get(0).get("alertId")) : this.links.alerts();
        if (open != null) {
            actions.add(Map.of("type", "Action.OpenUrl", "title", (alerts.size() == 1) ? "Open alert"
                    : "See every alert", "url", open));
        }
        Object runbook = event.get("runbookUrl");
        if (runbook != null) {
            actions.add(Map.of("type", "Action.OpenUrl", "title", "Runbook", "url", String.valueOf(runbook)));
        }
        if (!actions.isEmpty()) {
            card.put("actions", actions);
        }
        return Map.of("type", "message", "attachments",
                List.of(Map.of("contentType", "application/vnd.microsoft.card.adaptive", "content", card)));
    }
}
