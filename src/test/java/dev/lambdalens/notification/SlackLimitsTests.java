package dev.lambdalens.notification;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.AlertTarget;
import dev.lambdalens.alerting.Severity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slack refuses a message over any Block Kit limit, and then nothing is delivered: each limit is checked by value
 * on the payload as it is sent.
 */
class SlackLimitsTests {

    static final JsonMapper json = JsonMapper.builder().build();

    final SlackFormat slack = new SlackFormat(new NotificationLinks(URI.create("https://lambdalens.example.com/")));

    @Test
    void shouldKeepFortyAlertsWithLongNamesWithinEveryBlockKitLimit() {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            String name = ("checkout-service-payment-authorisation-handler-eu-" + i + "-xxxxxxxxxxxxxxx").substring(0, 60);
            Map<String, Object> alert = Outbox.alert(i, new AlertTarget("123456789012", "eu-west-1", name), "OK",
                    "ALARM", "the 3 most recent datapoints: 3 breaching, 3 needed");
            alert.put("values", List.of(List.of("2026-11-28T12:01:00Z", 12.5), List.of("2026-11-28T12:02:00Z", 40.25)));
            alerts.add(alert);
        }
        JsonNode body = send(event("Error rate above 5% on the checkout services", alerts));
        assertWithinLimits(body);
        String text = body.toString();
        assertThat(text).contains("and 5 more", "https://lambdalens.example.com/alerts|see every alert",
                "https://lambdalens.example.com/alerts/0|open", "12:02 40.3");
    }

    @Test
    void shouldCutARuleNameOfTwoHundredCharactersToTheHeaderLimit() {
        Map<String, Object> alert = Outbox.alert(1, new AlertTarget("123456789012", "us-east-1", "orders-api"), "OK",
                "ALARM", "breaching");
        JsonNode body = send(event("R".repeat(200), List.of(alert)));
        assertWithinLimits(body);
        assertThat(body.get("blocks").get(0).get("text").get("text").asString()).hasSize(150).endsWith("…");
    }

    private JsonNode send(Map<String, Object> event) {
        return json.readTree(json.writeValueAsString(this.slack.body(event, new Channel("slack", ChannelType.SLACK,
                "https://hooks.slack.com/services/T/B/x", null, Severity.INFO, true, Instant.EPOCH))));
    }

    private static Map<String, Object> event(String rule, List<Map<String, Object>> alerts) {
        Map<String, Object> event = Outbox.event("k", true, false, rule, 7, Severity.CRITICAL,
                "https://wiki.example.com/" + "r".repeat(100), Instant.parse("2026-11-28T12:03:00Z"), alerts.size(),
                alerts);
        event.put("condition", "error rate above 5% in 3 of 3 periods of 1 min; missing data: not breaching");
        return event;
    }

    /** Block Kit's documented limits, each by value. */
    private static void assertWithinLimits(JsonNode body) {
        assertThat(body.get("text").asString().length()).as("fallback text").isLessThanOrEqualTo(3_000);
        JsonNode blocks = body.get("blocks");
        assertThat(blocks.size()).as("blocks per message").isLessThanOrEqualTo(50);
        for (JsonNode block : blocks) {
            switch (block.get("type").asString()) {
                case "header" -> {
                    assertThat(block.get("text").get("type").asString()).isEqualTo("plain_text");
                    assertThat(block.get("text").get("text").asString().length()).as("header").isLessThanOrEqualTo(150);
                }
                case "section" -> {
                    if (block.has("text")) {
                        assertThat(block.get("text").get("text").asString().length()).as("section text")
                            .isBetween(1, 3_000);
                    }
                    if (block.has("fields")) {
                        assertThat(block.get("fields").size()).as("fields").isLessThanOrEqualTo(10);
                        block.get("fields").forEach((f) -> assertThat(f.get("text").asString().length())
                            .as("field").isLessThanOrEqualTo(2_000));
                    }
                }
                case "context" -> {
                    assertThat(block.get("elements").size()).as("context elements").isLessThanOrEqualTo(10);
                    block.get("elements").forEach((e) -> assertThat(e.get("text").asString().length())
                        .as("context text").isLessThanOrEqualTo(2_000));
                }
                default -> throw new AssertionError("unexpected block " + block);
            }
        }
    }
}
