package dev.lambdalens.notification;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.Severity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each channel's format, written as its receiver documents it.
 */
class NotificationFormatsTests {

    static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldTriggerAndResolveOnePagerDutyIncidentPerRule() {
        Channel channel = channel(ChannelType.PAGERDUTY, "R0UT1NGKEY");
        String trigger = json.writeValueAsString(new PagerDutyFormat().body(event("firing"), channel));
        String resolve = json.writeValueAsString(new PagerDutyFormat().body(event("resolved"), channel));
        assertThat(trigger).contains("\"routing_key\":\"R0UT1NGKEY\"", "\"event_action\":\"trigger\"",
                "\"dedup_key\":\"lambdalens-rule-2\"", "\"severity\":\"critical\"", "\"source\":\"lambdalens\"",
                "FIRING: Throttles");
        assertThat(resolve).contains("\"event_action\":\"resolve\"", "\"dedup_key\":\"lambdalens-rule-2\"")
            .doesNotContain("\"payload\"");
        Map<String, Object> partlyResolved = event("resolved");
        partlyResolved.put("ruleStillFiring", 3);
        assertThat(new PagerDutyFormat().body(partlyResolved, channel)).as("the incident stays open").isNull();
        assertThat(new PagerDutyFormat().signed()).isFalse();
    }

    @Test
    void shouldNameEveryAlertOfAGroupInOneMessage() {
        Map<String, Object> group = event("firing");
        List<Map<String, Object>> alerts = new java.util.ArrayList<>();
        for (int i = 0; i < 45; i++) {
            alerts.add(Map.of("alertId", i, "account", "123456789012", "region", "us-east-1", "function", "fn-" + i,
                    "from", "OK", "to", "ALARM", "reason", "r"));
        }
        group.put("alerts", alerts);
        String slack = json.writeValueAsString(new SlackFormat(new NotificationLinks(null)).body(group, channel(ChannelType.SLACK, null)));
        assertThat(slack).contains("FIRING: Throttles · 45 alerts", "45 targets: fn-0@us-east-1, fn-1@us-east-1, "
                + "fn-2@us-east-1 and 42 more", "fn-39 (account", "and 5 more").doesNotContain("fn-40 (account");
    }

    @Test
    void shouldNameAnAliasAlertsFunctionAndAliasAndKeepFunctionTheBareNameInTheWebhookBody() {
        Map<String, Object> alert = Outbox.alert(9, dev.lambdalens.alerting.AlertTarget.qualified("123456789012",
                "us-east-1", "checkout-api", "live"), "OK", "ALARM", "utilization 0.95");
        assertThat(alert).containsEntry("function", "checkout-api").containsEntry("qualifier", "live");
        Map<String, Object> group = event("firing");
        group.put("alerts", List.of(alert));
        String slack = json.writeValueAsString(new SlackFormat(new NotificationLinks(null)).body(group,
                channel(ChannelType.SLACK, null)));
        assertThat(slack).contains("checkout-api · alias live (account 123456789012) in us-east-1");
        assertThat(Outbox.alert(9, new dev.lambdalens.alerting.AlertTarget("123456789012", "us-east-1",
                "checkout-api"), "OK", "ALARM", "r")).doesNotContainKey("qualifier");
    }

    @Test
    void shouldWriteSlackBlockKitWithTheFactsAndAFallbackText() {
        String body = json.writeValueAsString(new SlackFormat(new NotificationLinks(null)).body(event("firing"), channel(ChannelType.SLACK, null)));
        assertThat(body).contains("\"text\":\"FIRING: Throttles · image-resizer (account 123456789012) in us-east-1\"",
                "\"type\":\"header\"", "\"type\":\"section\"", "*Severity*\\nCRITICAL", "OK → ALARM",
                "\"type\":\"context\"", "<https://wiki.example.com/throttles|Runbook>");
    }

    @Test
    void shouldWriteATeamsAdaptiveCard() {
        String body = json.writeValueAsString(new TeamsFormat(new NotificationLinks(null)).body(event("resolved"), channel(ChannelType.TEAMS, null)));
        assertThat(body).contains("\"type\":\"message\"", "application/vnd.microsoft.card.adaptive",
                "\"type\":\"AdaptiveCard\"", "RESOLVED: Throttles", "\"type\":\"FactSet\"");
    }

    @Test
    void shouldWriteTimesInTheChannelsZoneWithUtcBesideForPeopleAndKeepMachineFormatsInUtc() throws Exception {
        Map<String, Object> event = event("firing");
        event.put("alerts", List.of(Map.of("alertId", 7, "account", "123456789012", "region", "us-east-1", "function",
                "image-resizer", "from", "OK", "to", "ALARM", "reason", "2 of 2 breaching", "values",
                List.of(List.of("2026-11-28T11:58:00Z", 7), List.of("2026-11-28T11:59:00Z", 9)))));
        Channel berlin = channel(ChannelType.EMAIL, null).inZone(java.time.ZoneId.of("Europe/Berlin"));
        Channel tokyo = channel(ChannelType.SLACK, null).inZone(java.time.ZoneId.of("Asia/Tokyo"));

        EmailFormat.EmailMessage mail = (EmailFormat.EmailMessage) new EmailFormat(templates(),
                new NotificationLinks(null)).body(event, berlin);
        assertThat(mail.text()).contains("At: 2026-11-28 13:00:00 CET (12:00 UTC)", "(12:58 7, 12:59 9)");
        assertThat(mail.html()).contains("2026-11-28 13:00:00 CET (12:00 UTC)", "12:58 7, 12:59 9");
        String slack = json.writeValueAsString(new SlackFormat(new NotificationLinks(null)).body(event, tokyo));
        assertThat(slack).contains("2026-11-28 21:00:00 JST (12:00 UTC)", "20:58 7, 20:59 9");
        String teams = json.writeValueAsString(new TeamsFormat(new NotificationLinks(null)).body(event,
                channel(ChannelType.TEAMS, null)));
        assertThat(teams).as("no zone set: UTC").contains("2026-11-28 12:00:00 UTC", "11:58 7, 11:59 9");
        // what machines read stays the instant it always was
        assertThat(json.writeValueAsString(new PagerDutyFormat().body(event, berlin))).contains("2026-11-28T12:00:00Z");
    }

    private static org.thymeleaf.TemplateEngine templates() {
        org.thymeleaf.templateresolver.ClassLoaderTemplateResolver resolver =
                new org.thymeleaf.templateresolver.ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        org.thymeleaf.TemplateEngine engine = new org.thymeleaf.spring6.SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    @Test
    void shouldSignOnlyTheGenericWebhook() {
        assertThat(new WebhookFormat().signed()).isTrue();
        assertThat(List.of(new SlackFormat(new NotificationLinks(null)), new TeamsFormat(new NotificationLinks(null)), new PagerDutyFormat()))
            .allSatisfy((format) -> assertThat(format.signed()).isFalse());
    }

    private static Channel channel(ChannelType type, String secret) {
        return new Channel("ops", type, "https://example.com/hook", secret, Severity.INFO, true, Instant.EPOCH);
    }

    private static Map<String, Object> event(String status) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("idempotencyKey", "lambdalens-" + status + "-42");
        event.put("status", status);
        event.put("rule", "Throttles");
        event.put("ruleId", 2);
        event.put("severity", "CRITICAL");
        event.put("runbookUrl", "https://wiki.example.com/throttles");
        event.put("at", "2026-11-28T12:00:00Z");
        event.put("count", 1);
        event.put("ruleStillFiring", "firing".equals(status) ? 1 : 0);
        event.put("alerts", List.of(Map.of("alertId", 7, "account", "123456789012", "region", "us-east-1",
                "function", "image-resizer", "from", "firing".equals(status) ? "OK" : "ALARM", "to",
                "firing".equals(status) ? "ALARM" : "OK", "reason", "the most recent datapoint: 1 breaching, 1 needed")));
        return event;
    }
}
