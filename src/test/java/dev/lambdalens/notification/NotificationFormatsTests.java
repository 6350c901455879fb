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
    void shouldTriggerAndResolveOnePagerDutyIncidentPerAlert() {
        Channel channel = channel(ChannelType.PAGERDUTY, "R0UT1NGKEY");
        String trigger = json.writeValueAsString(new PagerDutyFormat().body(event("firing"), channel));
        String resolve = json.writeValueAsString(new PagerDutyFormat().body(event("resolved"), channel));
        assertThat(trigger).contains("\"routing_key\":\"R0UT1NGKEY\"", "\"event_action\":\"trigger\"",
                "\"dedup_key\":\"lambdalens-alert-7\"", "\"severity\":\"critical\"", "\"source\":\"lambdalens\"",
                "FIRING: Throttles");
        assertThat(resolve).contains("\"event_action\":\"resolve\"", "\"dedup_key\":\"lambdalens-alert-7\"")
            .doesNotContain("\"payload\"");
        assertThat(new PagerDutyFormat().signed()).isFalse();
    }

    @Test
    void shouldWriteSlackBlockKitWithTheFactsAndAFallbackText() {
        String body = json.writeValueAsString(new SlackFormat().body(event("firing"), channel(ChannelType.SLACK, null)));
        assertThat(body).contains("\"text\":\"FIRING: Throttles · image-resizer (account 123456789012) in us-east-1\"",
                "\"type\":\"header\"", "\"type\":\"section\"", "*Severity*\\nCRITICAL", "OK → ALARM",
                "\"type\":\"context\"", "3 breaching");
    }

    @Test
    void shouldWriteATeamsAdaptiveCard() {
        String body = json.writeValueAsString(new TeamsFormat().body(event("resolved"), channel(ChannelType.TEAMS, null)));
        assertThat(body).contains("\"type\":\"message\"", "application/vnd.microsoft.card.adaptive",
                "\"type\":\"AdaptiveCard\"", "RESOLVED: Throttles", "\"type\":\"FactSet\"");
    }

    @Test
    void shouldSignOnlyTheGenericWebhook() {
        assertThat(new WebhookFormat().signed()).isTrue();
        assertThat(List.of(new SlackFormat(), new TeamsFormat(), new PagerDutyFormat()))
            .allSatisfy((format) -> assertThat(format.signed()).isFalse());
    }

    private static Channel channel(ChannelType type, String secret) {
        return new Channel("ops", type, "https://example.com/hook", secret, Severity.INFO, true, Instant.EPOCH);
    }

    private static Map<String, Object> event(String status) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("idempotencyKey", "lambdalens-transition-42");
        event.put("status", status);
        event.put("rule", "Throttles");
        event.put("ruleId", 2);
        event.put("alertId", 7);
        event.put("severity", "CRITICAL");
        event.put("account", "123456789012");
        event.put("region", "us-east-1");
        event.put("function", "image-resizer");
        event.put("from", "firing".equals(status) ? "OK" : "ALARM");
        event.put("to", "firing".equals(status) ? "ALARM" : "OK");
        event.put("at", "2026-11-28T12:00:00Z");
        event.put("reason", "the most recent datapoint: 3 breaching, 1 needed");
        return event;
    }
}
