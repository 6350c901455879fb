package dev.lambdalens.notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A Slack incoming-webhook message in Block Kit, kept inside Slack's limits (a message over any of them is refused
 * and never delivered): a header of at most 150 characters, sections of at most 3,000, fields of at most 2,000
 * and 10 to a section, at most 50 blocks. Long groups end with "and N more" and a link to the alerts page.
 */
@Component
class SlackFormat implements NotificationFormat {

    static final int MAX_HEADER = 150;

    static final int MAX_SECTION_TEXT = 3_000;

    static final int MAX_FIELD_TEXT = 2_000;

    static final int MAX_FIELDS = 10;

    static final int MAX_BLOCKS = 50;

    static final int MAX_FALLBACK_TEXT = 3_000;

    /** One alert's line: long names are cut rather than letting one alert take a whole section. */
    private static final int MAX_LINE = 400;

    private final NotificationLinks links;

    SlackFormat(NotificationLinks links) {
        this.links = links;
    }

    @Override
    public ChannelType type() {
        return ChannelType.SLACK;
    }

    @Override
    public Object body(Map<String, Object> event, Channel channel) {
        String title = NotificationFormat.title(event);
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", cut(title, MAX_HEADER),
                "emoji", false)));
        List<Map<String, String>> fields = new ArrayList<>();
        fields.add(field("Severity", String.valueOf(event.get("severity"))));
        fields.add(field("At", NotificationFormat.at(event, channel.zone())));
        Object condition = event.get("condition");
        if (condition != null) {
            fields.add(field("Condition", String.valueOf(condition)));
        }
        blocks.add(Map.of("type", "section", "fields", fields.subList(0, Math.min(fields.size(), MAX_FIELDS))));
        // the last blocks: "and N more" and the links; the alerts get what is left
        int room = MAX_BLOCKS - blocks.size() - 2;
        List<Map<String, Object>> alerts = NotificationFormat.alerts(event);
        StringBuilder section = new StringBuilder();
        int listed = 0;
        for (Map<String, Object> alert : alerts) {
            if (listed >= NotificationFormat.LISTED) {
                break;
            }
            String line = "• " + cut(escape(NotificationFormat.line(alert, channel.zone())), MAX_LINE);
            String link = this.links.alert(alert.get("alertId"));
            if (link != null) {
                line = line + " <" + link + "|open>";
            }
            if (section.length() + line.length() + 1 > MAX_SECTION_TEXT) {
                if (room == 0) {
                    break;
                }
                blocks.add(text(section.toString()));
                room--;
                section.setLength(0);
            }
            if (room == 0) {
                break;
            }
            section.append(section.isEmpty() ? "" : "\n").append(line);
            listed++;
        }
        if (!section.isEmpty() && room > 0) {
            blocks.add(text(section.toString()));
        }
        else if (!section.isEmpty()) {
            listed -= section.toString().split("\n").length;
        }
        List<Object> context = new ArrayList<>();
        if (alerts.size() > listed) {
            String all = this.links.alerts();
            context.add(mrkdwn("and " + (alerts.size() - listed) + " more" + ((all != null) ? " — <" + all
                    + "|see every alert>" : "")));
        }
        Object runbook = event.get("runbookUrl");
        if (runbook != null) {
            context.add(mrkdwn("<" + runbook + "|Runbook>"));
        }
        if (!context.isEmpty()) {
            blocks.add(Map.of("type", "context", "elements", context));
        }
        return Map.of("text", cut(title + " · " + NotificationFormat.target(event), MAX_FALLBACK_TEXT), "blocks",
                blocks);
    }

    private static Map<String, Object> text(String text) {
        return Map.of("type", "section", "text", mrkdwn(text, MAX_SECTION_TEXT));
    }

    private static Map<String, Object> mrkdwn(String text) {
        return mrkdwn(text, MAX_FIELD_TEXT);
    }

    private static Map<String, Object> mrkdwn(String text, int max) {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("type", "mrkdwn");
        element.put("text", cut(text, max));
        return element;
    }

    private static Map<String, String> field(String name, String value) {
        return Map.of("type", "mrkdwn", "text", cut("*" + name + "*\n" + escape(value), MAX_FIELD_TEXT));
    }

    /** Slack's mrkdwn reserves &, < and >. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String cut(@Nullable String text, int max) {
        String value = String.valueOf(text);
        return (value.length() <= max) ? value : value.substring(0, max - 1) + "…";
    }
}
