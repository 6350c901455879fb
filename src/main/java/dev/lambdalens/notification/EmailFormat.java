package dev.lambdalens.notification;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.stereotype.Component;

/**
 * An email with an HTML part written from the {@code mail/alert} Thymeleaf template and a plain-text part saying the
 * same, for mail clients that show text only. With {@code lambdalens.public-url} set, each alert links to its page;
 * without it, neither part carries a link (a relative one would lead nowhere from a mailbox).
 */
@Component
class EmailFormat implements NotificationFormat {

    private final TemplateEngine templates;

    private final NotificationLinks links;

    EmailFormat(TemplateEngine templates, NotificationLinks links) {
        this.templates = templates;
        this.links = links;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public Object body(Map<String, Object> event, Channel channel) {
        List<Map<String, Object>> alerts = NotificationFormat.alerts(event);
        List<Row> rows = alerts.stream()
            .limit(NotificationFormat.LISTED)
            .map((a) -> new Row(NotificationFormat.describe(a), a.get("from") + " → " + a.get("to"),
                    NotificationFormat.values(a, channel.zone()), String.valueOf(a.get("reason")), this.links.alert(a.get("alertId"))))
            .toList();
        int more = alerts.size() - rows.size();
        String all = this.links.alerts();
        String title = NotificationFormat.title(event);
        Context context = new Context();
        context.setVariable("event", event);
        context.setVariable("at", NotificationFormat.at(event, channel.zone()));
        context.setVariable("title", title);
        context.setVariable("target", NotificationFormat.target(event));
        context.setVariable("rows", rows);
        context.setVariable("more", more);
        context.setVariable("allAlerts", all);
        return new EmailMessage("[LambdaLens] " + title + " · " + NotificationFormat.target(event),
                this.templates.process("mail/alert", context),
                text(event, NotificationFormat.at(event, channel.zone()), title, rows, more, all));
    }

    private static String text(Map<String, Object> event, String at, String title, List<Row> rows, int more,
            @Nullable String all) {
        StringBuilder text = new StringBuilder(title).append("\n\n");
        text.append("Severity: ").append(event.get("severity")).append('\n');
        text.append("At: ").append(at).append('\n');
        Object condition = event.get("condition");
        if (condition != null) {
            text.append("Condition: ").append(condition).append('\n');
        }
        Object runbook = event.get("runbookUrl");
        if (runbook != null) {
            text.append("Runbook: ").append(runbook).append('\n');
        }
        for (Row row : rows) {
            text.append("\n- ").append(row.target()).append(": ").append(row.change());
            if (!row.values().isEmpty()) {
                text.append(" (").append(row.values()).append(')');
            }
            text.append("\n  ").append(row.reason());
            if (row.link() != null) {
                text.append("\n  ").append(row.link());
            }
        }
        if (more > 0) {
            text.append("\n\nand ").append(more).append(" more").append((all != null) ? ": " + all : "");
        }
        return text.append("\n\n-- \nLambdaLens · ").append(event.get("idempotencyKey")).append('\n').toString();
    }

    /** A subject, an HTML body and the same in plain text. */
    record EmailMessage(String subject, String html, String text) {
    }

    /** One alert as the mail shows it; {@code link} is {@code null} without a public URL. */
    record Row(String target, String change, String values, String reason, @Nullable String link) {
    }
}
