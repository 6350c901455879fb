package dev.lambdalens.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.lambdalens.alerting.AlertBoard;
import dev.lambdalens.alerting.AlertSummary;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Alertmanager's API v2 body: one alert per LambdaLens alert, labelled by rule, severity, account, region and
 * function, as Prometheus sends them: a firing alert starts when it began firing and is held until now plus
 * {@link AlertmanagerProperties#hold()} (re-posted by {@link AlertmanagerResend} before that runs out); a resolved
 * one ends when it resolved.
 * <p>
 * The body is written when the delivery is sent, which may be long after the change it tells of: alerts are judged on
 * collected periods (minutes in the past, or hours for a backfill) and a delivery may wait for retries. So the hold
 * counts from now, never from the judged period (Alertmanager, judging {@code endsAt} by its own clock, would take a
 * firing alert held from a period more than a hold ago as already resolved), and a firing message sent after its
 * alert stopped firing leaves that alert out rather than re-open it in Alertmanager.
 */
@Component
class AlertmanagerFormat implements NotificationFormat {

    static final String PATH = "/api/v2/alerts";

    private final AlertmanagerProperties properties;

    private final NotificationLinks links;

    private final Supplier<Map<Long, Instant>> firingSince;

    private final Clock clock;

    @Autowired
    AlertmanagerFormat(AlertmanagerProperties properties, NotificationLinks links, AlertBoard board, Clock clock) {
        this(properties, links, () -> board.firing()
            .stream()
            .collect(Collectors.toMap(AlertSummary::id, AlertSummary::stateSince)), clock);
    }

    /** With {@code firingSince}: the alerts in ALARM now, and since when. */
    AlertmanagerFormat(AlertmanagerProperties properties, NotificationLinks links,
            Supplier<Map<Long, Instant>> firingSince, Clock clock) {
        this.properties = properties;
        this.links = links;
        this.firingSince = firingSince;
        this.clock = clock;
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
        Instant now = this.clock.instant();
        String status = String.valueOf(event.get("status"));
        String severity = String.valueOf(event.get("severity"));
        if ("test".equals(status)) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("alertname", "LambdaLens test notification");
            labels.put("severity", severity.toLowerCase(Locale.ROOT));
            labels.put("source", "lambdalens");
            return List.of(alert(labels, Map.of("summary", "A test notification from LambdaLens"), now,
                    now.plus(this.properties.hold()), this.links.alerts()));
        }
        boolean firing = "firing".equals(status);
        // when each alert still firing began to: a firing message carries only those
        Map<Long, Instant> firingSince = firing ? this.firingSince.get() : Map.of();
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
            if (firing && !firingSince.containsKey(alertId)) {
                continue;
            }
            Instant startsAt = firing ? firingSince.get(alertId) : at;
            Instant endsAt = firing ? later(now, startsAt).plus(this.properties.hold()) : at;
            alerts.add(alert(labels(rule, ruleId, severity, String.valueOf(alert.get("account")),
                    String.valueOf(alert.get("region")), String.valueOf(alert.getOrDefault("function", "")),
                    (alert.get("qualifier") != null) ? String.valueOf(alert.get("qualifier")) : null),
                    annotations, startsAt, endsAt, this.links.alert(alertId)));
        }
        return alerts.isEmpty() ? null : alerts;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * The labels that identify one alert to Alertmanager: the same on every post, firing, re-posted or resolved; an
     * alias's, version's or mapping's alert carries its {@code qualifier}, so the alerts of one function's
     * qualifiers stay apart.
     */
    static Map<String, String> labels(String rule, long ruleId, String severity, String account, String region,
            @Nullable String function, @Nullable String qualifier) {
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
        if (qualifier != null) {
            labels.put("qualifier", qualifier);
        }
        labels.put("source", "lambdalens");
        return labels;
    }

    /** One alert; without {@code lambdalens.public-url} it has no {@code generatorURL} (a guessed one would lie). */
    static Map<String, Object> alert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
            Instant endsAt, @Nullable String generatorUrl) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", endsAt.toString());
        if (generatorUrl != null) {
            alert.put("generatorURL", generatorUrl);
        }
        return alert;
    }
}
