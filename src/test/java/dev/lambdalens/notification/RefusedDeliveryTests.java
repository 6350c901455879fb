package dev.lambdalens.notification;

import java.time.Duration;
import java.util.List;

import dev.lambdalens.alerting.AlarmState;
import dev.lambdalens.alerting.AlertBoard;
import dev.lambdalens.alerting.RuleEvaluation;
import dev.lambdalens.collector.CycleRunner;
import dev.lambdalens.testing.DemoDataConfiguration;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A receiver that refuses for good (404: the webhook was deleted) is given up after the configured attempts, not
 * retried for a day; the channel is marked failing and the built-in alert fires. A 429 waits for its Retry-After.
 */
@SpringBootTest(properties = "lambdalens.notification.refused-attempts=3")
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class RefusedDeliveryTests {

    final Receiver receiver = new Receiver();

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DeliveryRepository deliveries;

    @Autowired
    ChannelRepository channels;

    @Autowired
    AlertBoard board;

    @Autowired
    MutableClock clock;

    @AfterEach
    void stop() {
        this.receiver.close();
    }

    @Test
    void shouldGiveUpAPermanentRefusalAfterTheConfiguredAttemptsAndRaiseTheBuiltInAlert() throws Exception {
        long channel = createChannel();
        this.receiver.status = 404;
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        List<Delivery> owed = this.deliveries.findAll();
        assertThat(owed).isNotEmpty();
        for (int i = 0; i < 20; i++) {
            this.worker.deliverDue();
            this.clock.advance(Duration.ofMinutes(1));
        }
        Delivery first = this.deliveries.findById(owed.get(0).id()).orElseThrow();
        assertThat(first.status()).isEqualTo(Delivery.Status.GAVE_UP);
        assertThat(first.attempts()).isEqualTo(3);
        assertThat(this.receiver.requests.stream().filter((r) -> r.idempotencyKey().equals(first.idempotencyKey())))
            .hasSize(3);
        assertThat(this.channels.findById(channel).orElseThrow().failingSince()).isNotNull();
        assertThat(this.board.firing()).anySatisfy((alert) -> {
            assertThat(alert.ruleName()).isEqualTo("Notifications given up");
            assertThat(alert.function()).isEqualTo("ops");
            assertThat(alert.state()).isEqualTo(AlarmState.ALARM);
        });
        assertThat(this.mvc.perform(get("/channels")).andReturn().getResponse().getContentAsString())
            .contains("failing since");

        this.receiver.status = 202; // the webhook is back (Teams Workflows answer 202 Accepted)
        this.clock.advance(Duration.ofMinutes(1));
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        for (int i = 0; i < 5; i++) {
            this.worker.deliverDue();
            this.clock.advance(Duration.ofMinutes(1));
        }
        assertThat(this.channels.findById(channel).orElseThrow().failingSince()).isNull();
        assertThat(this.board.firing()).noneMatch((alert) -> alert.ruleName().equals("Notifications given up"));
    }

    @Test
    void shouldKeepTheBuiltInRulesEditsAndRaiseNothingWhileItIsDisabled() throws Exception {
        String rules = this.mvc.perform(get("/api/v1/alert-rules")).andReturn().getResponse().getContentAsString();
        assertThat(rules).as("shipped as a row, before anything was given up").contains("Notifications given up");
        long id = Long.parseLong(rules.replaceAll("(?s).*\\{\"id\":(\\d+),\"name\":\"Notifications given up\".*",
                "$1"));
        // rename, re-grade and disable it: what it watches stays as shipped whatever the request says
        this.mvc.perform(put("/api/v1/alert-rules/" + id).contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "Pager: a channel is dead", "signal": "METRIC", "metric": "Errors", "statistic": "Sum",
                 "comparison": "LESS_THAN_THRESHOLD", "threshold": 5, "periodSeconds": 300, "evaluationPeriods": 2,
                 "datapointsToAlarm": 2, "severity": "WARNING", "enabled": false}"""))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.name").value("Pager: a channel is dead"))
            .andExpect(jsonPath("$.signal").value("EXTERNAL"))
            .andExpect(jsonPath("$.severity").value("WARNING"))
            .andExpect(jsonPath("$.enabled").value(false));
        assertThat(this.mvc.perform(get("/alerts/rules/" + id + "/edit")).andReturn().getResponse()
            .getContentAsString()).contains("A built-in rule");

        createChannel();
        this.receiver.status = 404;
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        for (int i = 0; i < 20; i++) {
            this.worker.deliverDue();
            this.clock.advance(Duration.ofMinutes(1));
        }
        assertThat(this.deliveries.findAll()).anyMatch((d) -> d.status() == Delivery.Status.GAVE_UP);
        assertThat(this.board.firing()).as("disabled: nothing fires")
            .noneMatch((alert) -> alert.ruleId() == id);
        this.mvc.perform(get("/api/v1/alert-rules/" + id))
            .andExpect(jsonPath("$.name").value("Pager: a channel is dead"))
            .andExpect(jsonPath("$.severity").value("WARNING"));
    }

    @Test
    void shouldNotRetryATooManyRequestsBeforeItsRetryAfter() throws Exception {
        createChannel();
        this.receiver.status = 429;
        this.receiver.retryAfter = "30";
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        Delivery owed = this.deliveries.findAll().get(0);
        this.worker.deliverDue();
        int sent = attemptsOf(owed);
        assertThat(sent).isEqualTo(1);
        this.clock.advance(Duration.ofSeconds(29)); // the backoff alone (10 s) would have retried by now
        this.worker.deliverDue();
        assertThat(attemptsOf(owed)).isEqualTo(1);
        this.clock.advance(Duration.ofSeconds(2));
        this.receiver.status = 204;
        this.worker.deliverDue();
        assertThat(attemptsOf(owed)).isEqualTo(2);
        assertThat(this.deliveries.findById(owed.id()).orElseThrow().status()).isEqualTo(Delivery.Status.DELIVERED);
    }

    private int attemptsOf(Delivery delivery) {
        return (int) this.receiver.requests.stream()
            .filter((r) -> r.idempotencyKey().equals(delivery.idempotencyKey()))
            .count();
    }

    private long createChannel() throws Exception {
        String answer = this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"ops\", \"type\": \"WEBHOOK\", \"url\": \"" + this.receiver.url() + "\"}"))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
        return Long.parseLong(answer.replaceAll(".*\"id\":(\\d+).*", "$1"));
    }
}
