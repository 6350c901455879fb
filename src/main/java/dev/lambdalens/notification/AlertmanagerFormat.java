package dev.lambdalens.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Alertmanager's API v2 body: one alert per LambdaLens alert, labelled by rule, severity, account, region and
 * function. A firing alert is held for {@link AlertmanagerProperties#hold()} from the moment it changed (a late
 * retry of an old firing message cannot re-open a resolved alert for long) and re-posted by
 * {@link AlertmanagerResend}; a resolved one ends when it resolved.
 */
@Component
class AlertmanagerFormat implements NotificationFormat {

    static final String PATH = "/api/v2/alerts";

    private final AlertmanagerProperties properties;

    AlertmanagerFormat(AlertmanagerProperties properties) {
        this.properties = properties;
    }

    @Override
    public ChannelType type() {
        return ChannelType.ALERTMANAGER;
    }

    @Override
    public String target(Channel channel) {
        return endpoint(channel.url());
    }

    static String endpoint(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base.endsWith(PATH) ? base : base + PATH;
    }

    @Override
    public @Nullable Object body(Map<String, Object> event, Channel channel) {
        Instant at = Instant.parse(String.valueOf(event.get("at")));
        String status = String.valueOf(event.get("status"));
        String severity = String.valueOf(event.get("severity"));
        if ("test".equals(status)) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("alertname", "LambdaLens test notification");
            labels.put("severity", severity.toLowerCase(Locale.ROOT));
            labels.put("source", "lambdalens");
            return List.of(alert(labels, Map.of("summary", "A test notification from LambdaLens"), at,
                    at.plus(this.properties.hold()), this.properties.externalUrl().toString()));
        }
        boolean firing = "firing".equals(status);
        long ruleId = ((Number) event.get("ruleId")).longValue();
        String rule = String.valueOf(event.get("rule"));
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> alert : NotificationFormat.alerts(event)) {
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", rule + ": " + NotificationFormat.describe(alert));
            annotations.put("description", String.valueOf(alert.get("reason")));
            if (event.get("runbookUrl") != null) {
                annotations.put("runbook_url", String.valueOf(event.get("runbookUrl")));
            }
            long alertId = ((Number) alert.get("alertId")).longValue();
            alerts.add(alert(labels(rule, ruleId, severity, String.valueOf(alert.get("account")),
                    String.valueOf(alert.get("region")), String.valueOf(alert.getOrDefault("function", ""))),
                    annotations, at, firing ? at.plus(this.properties.hold()) : at, this.properties.link(alertId)));
        }
        return alerts.isEmpty() ? null : alerts;
    }

    /** The labels that identify one alert to Alertmanager: the same on every post, firing, re-posted or resolved. */
    static Map<String, String> labels(String rule, long ruleId, String severity, String account, String region,
            @Nullable String function) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", rule);
        labels.put("rule", rule);
        labels.put("rule_id", String.valueOf(ruleId));
        labels.put("severity", severity.toLowerCase(Locale.ROOT));
        labels.put("account", account);
        labels.put("region", region);
        if (function != null && !function.isEmpty() && !"null".equals(function)) {
            labels.put("function", function);
        }
        labels.put("source", "lambdalens");
        return labels;
    }

    static Map<String, Object> alert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
            Instant endsAt, String generatorUrl) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", endsAt.toString());
        alert.put("generatorURL", generatorUrl);
        return alert;
    }
}
