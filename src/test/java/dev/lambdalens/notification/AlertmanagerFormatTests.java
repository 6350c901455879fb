package dev.lambdalens.notification;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.AlertTarget;
import dev.lambdalens.alerting.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Alertmanager body, alert by alert: the labels that identify it, and when it ends.
 */
class AlertmanagerFormatTests {

    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    /** Sent ten minutes after the judged period, as a late collection or a retried delivery would be. */
    static final Instant NOW = AT.plus(Duration.ofMinutes(10));

    final Map<Long, Instant> firing = new HashMap<>(Map.of(42L, AT));

    final AlertmanagerFormat format = new AlertmanagerFormat(
            new AlertmanagerProperties(Duration.ofMinutes(1)), new NotificationLinks(URI.create("https://ll.example.com/")),
            () -> this.firing, Clock.fixed(NOW, ZoneOffset.UTC));

    final Channel channel = new Channel("am", ChannelType.ALERTMANAGER, "http://am:9093/", null, Severity.INFO, true,
            Instant.EPOCH);

    @Test
    void shouldLabelAnAccountLevelAlertWithoutAFunctionAndHoldItForFourIntervalsFromNow() {
        List<Map<String, Object>> body = body("firing", new AlertTarget("123456789012", "eu-west-1", ""));
        assertThat(body).singleElement().satisfies((alert) -> {
            assertThat(alert.get("labels")).isEqualTo(Map.of("alertname", "Account concurrency", "rule",
                    "Account concurrency", "rule_id", "7", "severity", "critical", "account", "123456789012",
                    "region", "eu-west-1", "source", "lambdalens"));
            assertThat(alert.get("startsAt")).as("when it began firing").isEqualTo(AT.toString());
            assertThat(alert.get("endsAt")).as("held from the send, not from the judged period, already past")
                .isEqualTo(NOW.plus(Duration.ofMinutes(4)).toString());
            assertThat(alert.get("generatorURL")).isEqualTo("https://ll.example.com/alerts/42");
        });
        assertThat(this.format.target(this.channel)).isEqualTo("http://am:9093/api/v2/alerts");
    }

    @Test
    void shouldEndAResolvedAlertWhenItResolved() {
        List<Map<String, Object>> body = body("resolved", new AlertTarget("123456789012", "us-east-1", "orders-api"));
        assertThat(body).singleElement().satisfies((alert) -> {
            assertThat(alert.get("endsAt")).isEqualTo(AT.toString());
            assertThat(((Map<?, ?>) alert.get("labels")).get("function")).isEqualTo("orders-api");
        });
    }

    @Test
    void shouldLabelAMappingsAlertWithItsFunctionAndQualifierSoTwoMappingsStayApart() {
        String uuid = "1b2c3d4e-0000-4000-8000-00000000000a";
        List<Map<String, Object>> body = body("firing",
                AlertTarget.qualified("123456789012", "us-east-1", "orders-api", uuid));
        assertThat(body).singleElement().satisfies((alert) -> {
            Map<?, ?> labels = (Map<?, ?>) alert.get("labels");
            assertThat(labels.get("function")).isEqualTo("orders-api");
            assertThat(labels.get("qualifier")).isEqualTo(uuid);
            assertThat(((Map<?, ?>) alert.get("annotations")).get("summary").toString())
                .contains("orders-api · mapping 1b2c3d4e… (account 123456789012) in us-east-1");
        });
        Object labels = body("resolved", new AlertTarget("123456789012", "us-east-1", "orders-api")).get(0)
            .get("labels");
        assertThat(((Map<?, ?>) labels).containsKey("qualifier")).as("a function's alert has no qualifier label")
            .isFalse();
    }

    @Test
    void shouldStartAFiringAlertWhenItBeganFiringEvenInAReminder() {
        this.firing.put(42L, AT.minus(Duration.ofHours(2)));
        assertThat(body("firing", new AlertTarget("123456789012", "eu-west-1", ""))).singleElement()
            .satisfies((alert) -> assertThat(alert.get("startsAt")).isEqualTo(AT.minus(Duration.ofHours(2)).toString()));
    }

    @Test
    void shouldLeaveOutOfALateFiringMessageAnAlertThatNoLongerFires() {
        // the firing message was retried after the alert resolved: posting it would re-open the alert for a hold
        this.firing.clear();
        assertThat(body("firing", new AlertTarget("123456789012", "eu-west-1", ""))).isNull();
        assertThat(body("resolved", new AlertTarget("123456789012", "eu-west-1", ""))).hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> body(String status, AlertTarget target) {
        Map<String, Object> event = Outbox.event("k", "firing".equals(status), false, "Account concurrency", 7,
                Severity.CRITICAL, null, AT, 1, List.of(Outbox.alert(42, target, "OK", "ALARM", "3 of 5 breaching")));
        return (List<Map<String, Object>>) this.format.body(event, this.channel);
    }
}
