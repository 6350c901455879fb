package dev.lambdalens.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * A Slack incoming-webhook message in Block Kit: a header, the facts, one line per alert, and the runbook.
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
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", title)));
        blocks.add(Map.of("type", "section", "fields", List.of(field("Severity", String.valueOf(event.get("severity"))),
                field("At", String.valueOf(event.get("at"))))));
        List<String> lines = NotificationFormat.lines(event);
        if (!lines.isEmpty()) {
            blocks.add(Map.of("type", "section", "text",
                    Map.of("type", "mrkdwn", "text", "• " + String.join("\n• ", lines))));
        }
        Object runbook = event.get("runbookUrl");
        if (runbook != null) {
            blocks.add(Map.of("type", "context", "elements",
                    List.of(Map.of("type", "mrkdwn", "text", "<" + runbook + "|Runbook>"))));
        }
        return Map.of("text", title + " · " + NotificationFormat.target(event), "blocks", blocks);
    }

    private static Map<String, String> field(String name, String value) {
        return Map.of("type", "mrkdwn", "text", "*" + name + "*\n" + value);
    }
}
