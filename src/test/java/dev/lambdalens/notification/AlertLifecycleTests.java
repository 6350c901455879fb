package dev.lambdalens.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.lambdalens.alerting.AlertBoard;
import dev.lambdalens.alerting.AlertSummary;
import dev.lambdalens.alerting.RuleEvaluation;
import dev.lambdalens.collector.CycleRunner;
import dev.lambdalens.collector.source.demo.DemoMetricSource;
import dev.lambdalens.testing.MutableClock;
import dev.lambdalens.testing.ScriptedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every way an alert's reason to fire can go away resolves it once, through the real collector path (the demo
 * account behind a scripted source) and real HTTP receivers: a rule disabled, a rule deleted, a scope narrowed, a
 * function gone. Each gives exactly one resolved message per channel, PagerDuty's resolve, and no reminder after.
 */
@SpringBootTest(properties = { "lambdalens.collector.function-interval=1m", "lambdalens.collector.initial-backfill=1h",
        "lambdalens.collector.discovery-interval=1m" })
@AutoConfigureMockMvc
class AlertLifecycleTests {

    static final Instant START = Instant.parse("2026-11-28T12:00:30Z");

    final Receiver hook = new Receiver();

    final Receiver pager = new Receiver();

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    ScriptedSource source;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    Reminders reminders;

    @Autowired
    AlertBoard board;

    @AfterEach
    void close() {
        this.hook.close();
        this.pager.close();
    }

    @Test
    void shouldResolveOnceWhenARuleIsDisabledDeletedOrNarrowedOrItsFunctionIsGone() throws Exception {
        long webhook = channel("WEBHOOK", this.hook.url(), null);
        long pagerDuty = channel("PAGERDUTY", this.pager.url(), "routing-key-0123");
        List<Long> channels = List.of(webhook, pagerDuty);
        for (String function : List.of("orders-api", "checkout-api", "queue-consumer", "payment-webhook")) {
            this.source.throttle(function, START.minus(Duration.ofHours(1)).minusSeconds(30),
                    START.plus(Duration.ofHours(6)), 3);
        }
        long disabled = rule("orders-api", true, channels);
        long deleted = rule("checkout-api", true, channels);
        long narrowed = rule("queue-consumer", true, channels);
        long gone = rule("payment-webhook", true, channels);
        minutes(4);
        this.worker.deliverDue();
        for (long rule : List.of(disabled, deleted, narrowed, gone)) {
            assertThat(firing(rule)).as("rule %d fires", rule).hasSize(1);
            assertThat(messages(this.hook, rule, "\"status\":\"firing\"")).isEqualTo(1);
            assertThat(messages(this.pager, rule, "\"event_action\":\"trigger\"")).isEqualTo(1);
        }
        long deletedAlert = firing(deleted).get(0).id();

        this.mvc.perform(put("/api/v1/alert-rules/" + disabled).contentType(MediaType.APPLICATION_JSON)
            .content(ruleBody("orders-api", false, channels))).andExpect(status().isOk());
        this.mvc.perform(delete("/api/v1/alert-rules/" + deleted)).andExpect(status().isNoContent());
        this.mvc.perform(put("/api/v1/alert-rules/" + narrowed).contentType(MediaType.APPLICATION_JSON)
            .content(ruleBody("auth-authorizer", true, channels))).andExpect(status().isOk());
        this.source.hideFunction("payment-webhook");
        minutes(2);
        this.worker.deliverDue();

        for (long rule : List.of(disabled, deleted, narrowed, gone)) {
            assertThat(firing(rule)).as("rule %d left ALARM", rule).isEmpty();
            assertThat(messages(this.hook, rule, "\"status\":\"resolved\"")).as("resolved of %d", rule).isEqualTo(1);
            assertThat(messages(this.pager, rule, "\"event_action\":\"resolve\"")).as("resolve of %d", rule)
                .isEqualTo(1);
        }
        assertThat(resolvedReason(disabled)).contains("the rule was disabled");
        assertThat(resolvedReason(deleted)).contains("the rule was deleted");
        assertThat(resolvedReason(narrowed)).contains("no longer watches");
        assertThat(resolvedReason(gone)).contains("payment-webhook is gone");
        // a deleted rule's alerts keep their history
        String history = this.mvc.perform(get("/api/v1/alerts/" + deletedAlert + "/history"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(history).contains("the rule was deleted", "\"to\":\"ALARM\"");
        assertThat(this.board.all()).noneMatch((a) -> a.ruleId() == deleted);
        assertThat(this.board.all()).filteredOn((a) -> a.ruleId() == disabled).allMatch(AlertSummary::paused);

        for (int step = 0; step < 10; step++) {
            this.clock.advance(Duration.ofMinutes(30));
            this.evaluation.evaluateAll();
            this.reminders.remind();
            this.worker.deliverDue();
        }
        for (long rule : List.of(disabled, deleted, narrowed, gone)) {
            assertThat(messages(this.hook, rule, "\"reminder\":true")).as("no reminder for %d", rule).isZero();
            assertThat(messages(this.hook, rule, "\"status\":\"resolved\"")).isEqualTo(1);
        }
    }

    private List<AlertSummary> firing(long rule) {
        return this.board.firing().stream().filter((a) -> a.ruleId() == rule).toList();
    }

    private String resolvedReason(long rule) {
        return this.hook.requests.stream()
            .filter((r) -> r.body().contains("\"ruleId\":" + rule + ",") && r.body().contains("\"status\":\"resolved\""))
            .map(Receiver.Request::body)
            .findFirst()
            .orElseThrow();
    }

    private static long messages(Receiver receiver, long rule, String marker) {
        String ours = (receiver.requests.stream().anyMatch((r) -> r.body().contains("dedup_key")))
                ? "\"dedup_key\":\"lambdalens-rule-" + rule + "\"" : "\"ruleId\":" + rule + ",";
        return receiver.requests.stream().filter((r) -> r.body().contains(ours) && r.body().contains(marker)).count();
    }

    private void minutes(int count) {
        for (int i = 0; i < count; i++) {
            CycleRunner.runCycle(this.context);
            this.evaluation.evaluateAll();
            this.clock.advance(Duration.ofMinutes(1));
        }
    }

    private long rule(String function, boolean enabled, List<Long> channels) throws Exception {
        String answer = this.mvc.perform(post("/api/v1/alert-rules").contentType(MediaType.APPLICATION_JSON)
            .content(ruleBody(function, enabled, channels)))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
        return Long.parseLong(answer.replaceAll("^\\{\"id\":(\\d+).*", "$1"));
    }

    private static String ruleBody(String function, boolean enabled, List<Long> channels) {
        return """
                {"name": "Throttles of %s", "signal": "METRIC", "metric": "Throttles", "statistic": "Sum",
                 "scope": "FUNCTION", "scopeValue": "%s", "region": "us-east-1",
                 "comparison": "GREATER_THAN_THRESHOLD", "threshold": 0, "periodSeconds": 60,
                 "evaluationPeriods": 1, "datapointsToAlarm": 1, "missingData": "NOT_BREACHING",
                 "enabled": %s, "channelIds": %s}""".formatted(function, function, enabled, channels);
    }

    private long channel(String type, String url, String secret) throws Exception {
        String body = "{\"name\": \"" + type.toLowerCase() + "\", \"type\": \"" + type + "\", \"url\": \"" + url + "\""
                + ((secret != null) ? ", \"secret\": \"" + secret + "\"" : "") + "}";
        String answer = this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
        return Long.parseLong(answer.replaceAll(".*\"id\":(\\d+).*", "$1"));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ScriptedSourceConfiguration {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }

        @Bean
        @Primary
        ScriptedSource scriptedSource(MutableClock clock) {
            return new ScriptedSource(new DemoMetricSource(clock));
        }
    }
}
