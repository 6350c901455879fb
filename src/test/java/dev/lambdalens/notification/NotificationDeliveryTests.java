package dev.lambdalens.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Alert notifications reach a real HTTP receiver at least once, with the same idempotency key on every attempt,
 * through its downtime; and LambdaLens gives up only after the configured age.
 */
@SpringBootTest(properties = "lambdalens.notification.give-up-after=10m")
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class NotificationDeliveryTests {

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
    MutableClock clock;

    @Autowired
    Reminders reminders;

    @AfterEach
    void stop() {
        this.receiver.close();
    }

    @Test
    void shouldDeliverThroughTheReceiversDowntimeWithTheSameIdempotencyKey() throws Exception {
        createChannel(this.receiver.url(), "s3cret");
        this.receiver.down = true;
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        int owed = this.deliveries.findAll().size();
        assertThat(owed).as("rules with firing alerts on the demo account, one delivery each").isGreaterThanOrEqualTo(2);

        assertThat(this.worker.deliverDue()).isZero(); // attempt 1: down
        this.clock.advance(Duration.ofSeconds(5));
        assertThat(this.worker.deliverDue()).isZero();
        assertThat(this.receiver.requests).hasSize(owed); // nothing due yet: backing off
        this.clock.advance(Duration.ofSeconds(6));
        assertThat(this.worker.deliverDue()).isZero(); // attempt 2: still down
        this.receiver.down = false;
        this.clock.advance(Duration.ofSeconds(21));
        assertThat(this.worker.deliverDue()).isEqualTo(owed); // attempt 3: up

        Map<String, List<Receiver.Request>> byKey = this.receiver.requests.stream()
            .collect(Collectors.groupingBy(Receiver.Request::idempotencyKey));
        assertThat(byKey).hasSize(owed);
        assertThat(byKey.values()).allSatisfy((attempts) -> {
            assertThat(attempts).hasSize(3);
            assertThat(attempts).extracting(Receiver.Request::body).containsOnly(attempts.get(0).body());
            assertThat(attempts.get(0).signature())
                .isEqualTo("sha256=" + WebhookSender.sign("s3cret", attempts.get(0).body()));
        });
        assertThat(this.receiver.requests.get(0).body()).contains("\"status\":\"firing\"", "\"to\":\"ALARM\"");
        this.mvc.perform(get("/api/v1/deliveries"))
            .andExpect(jsonPath("$[0].status").value("DELIVERED"))
            .andExpect(jsonPath("$[0].log[0].outcome").value("FAILED"))
            .andExpect(jsonPath("$[0].log[0].httpStatus").value(503))
            .andExpect(jsonPath("$[0].log[2].outcome").value("DELIVERED"));
        this.clock.advance(Duration.ofMinutes(5));
        assertThat(this.worker.deliverDue()).as("delivered once is delivered").isZero();
    }

    @Test
    void shouldGiveUpOnlyAfterTheConfiguredAge() throws Exception {
        createChannel("http://127.0.0.1:9/nothing-listens-here", null);
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        for (int minute = 0; minute < 9; minute++) {
            this.worker.deliverDue();
            this.clock.advance(Duration.ofMinutes(1));
        }
        assertThat(this.deliveries.findAll()).allSatisfy((d) -> assertThat(d.status()).isEqualTo(Delivery.Status.PENDING));
        this.clock.advance(Duration.ofMinutes(5));
        this.worker.deliverDue();
        assertThat(this.deliveries.findAll()).allSatisfy((d) -> {
            assertThat(d.status()).isEqualTo(Delivery.Status.GAVE_UP);
            assertThat(d.lastError()).isNotBlank();
        });
    }

    @Test
    void shouldSendATestNotificationAndNeverShowTheSecret() throws Exception {
        long id = createChannel(this.receiver.url(), "s3cret");
        this.mvc.perform(post("/api/v1/channels/" + id + "/test"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.delivered").value(true))
            .andExpect(jsonPath("$.httpStatus").value(204));
        assertThat(this.receiver.requests).singleElement()
            .satisfies((r) -> assertThat(r.body()).contains("\"status\":\"test\""));
        this.mvc.perform(get("/api/v1/channels"))
            .andExpect(jsonPath("$[0].signed").value(true))
            .andExpect(content().string(not(containsString("s3cret"))));
    }

    @Test
    void shouldWriteEachChannelInItsOwnFormat() throws Exception {
        long slack = createChannel(this.receiver.url(), null, "SLACK");
        this.mvc.perform(post("/api/v1/channels/" + slack + "/test")).andExpect(jsonPath("$.delivered").value(true));
        assertThat(this.receiver.requests).singleElement().satisfies((r) -> {
            assertThat(r.body()).contains("\"blocks\"", "TEST: Test notification from LambdaLens");
            assertThat(r.signature()).isEqualTo("null"); // only the generic webhook is signed
        });
        this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"pager\", \"type\": \"PAGERDUTY\", \"url\": \"https://events.pagerduty.com/v2/enqueue\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("secret"));
    }

    @Test
    void shouldNotifyNobodyOfASilencedAlertButKeepItInTheLog() throws Exception {
        createChannel(this.receiver.url(), null);
        this.mvc.perform(post("/api/v1/silences").contentType(MediaType.APPLICATION_JSON).content("""
                {"functionPattern": "pdf-*", "region": "us-east-1", "endsAt": "2026-11-28T14:00:00Z",
                 "createdBy": "ana", "comment": "renderer migration tonight"}"""))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.active").value(true));
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        this.worker.deliverDue();
        assertThat(this.receiver.requests).isNotEmpty()
            .allSatisfy((r) -> assertThat(r.body()).doesNotContain("pdf-renderer"));
        assertThat(this.deliveries.findAll()).filteredOn((d) -> d.payload().contains("pdf-renderer"))
            .isNotEmpty()
            .allSatisfy((d) -> assertThat(d.status()).isEqualTo(Delivery.Status.SILENCED));
        String page = this.mvc.perform(get("/alerts").accept(MediaType.TEXT_HTML))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(page).contains("silenced");
    }

    @Test
    void shouldRefuseASilenceThatHasAlreadyEndedAndEndOneEarly() throws Exception {
        this.mvc.perform(post("/api/v1/silences").contentType(MediaType.APPLICATION_JSON).content("""
                {"endsAt": "2026-11-28T11:00:00Z", "createdBy": "ana", "comment": "too late"}"""))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("endsAt"));
        // who made it is the signed-in user, whatever name is typed
        this.mvc.perform(post("/api/v1/silences").contentType(MediaType.APPLICATION_JSON).content("""
                {"endsAt": "2026-11-28T13:00:00Z", "createdBy": "someone else", "comment": "who?",
                 "confirmMatchesEverything": true}"""))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.createdBy").value("admin"));
        String created = this.mvc.perform(post("/api/v1/silences").contentType(MediaType.APPLICATION_JSON).content("""
                {"endsAt": "2026-11-28T13:00:00Z", "createdBy": "ana", "comment": "deploy",
                 "confirmMatchesEverything": true}"""))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
        long id = Long.parseLong(created.replaceAll(".*\"id\":(\\d+).*", "$1"));
        this.mvc.perform(delete("/api/v1/silences/" + id))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.active").value(false));
    }

    @Test
    void shouldSendOneMessageForAnIncidentHittingEveryFunction() throws Exception {
        createChannel(this.receiver.url(), null);
        this.mvc.perform(post("/api/v1/alert-rules").contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "Anything invoked", "signal": "METRIC", "metric": "Invocations", "statistic": "Sum",
                 "comparison": "GREATER_THAN_THRESHOLD", "threshold": 0, "periodSeconds": 3600,
                 "evaluationPeriods": 1, "datapointsToAlarm": 1, "severity": "CRITICAL"}"""))
            .andExpect(status().isCreated());
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        this.worker.deliverDue();
        List<Receiver.Request> incident = this.receiver.requests.stream()
            .filter((r) -> r.body().contains("Anything invoked"))
            .toList();
        assertThat(incident).singleElement().satisfies((r) -> {
            assertThat(r.body()).contains("\"count\":18", "image-resizer", "pdf-renderer", "legacy-cron");
        });
    }

    @Test
    void shouldRemindOfAlertsThatStayInAlarmUntilSomeoneAcknowledges() throws Exception {
        createChannel(this.receiver.url(), null);
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        this.worker.deliverDue();
        int first = this.receiver.requests.size();
        this.clock.advance(Duration.ofHours(3));
        assertThat(this.reminders.remind()).as("not yet: the repeat interval is 4 hours").isZero();
        this.clock.advance(Duration.ofHours(1));
        int reminded = this.reminders.remind();
        assertThat(reminded).isGreaterThanOrEqualTo(3);
        this.worker.deliverDue();
        List<Receiver.Request> reminders = this.receiver.requests.subList(first, this.receiver.requests.size());
        assertThat(reminders).isNotEmpty()
            .allSatisfy((r) -> assertThat(r.body()).contains("\"reminder\":true", "still firing since"))
            .allSatisfy((r) -> assertThat(r.idempotencyKey()).startsWith("lambdalens-reminder-"));
        String alerts = this.mvc.perform(get("/api/v1/alerts").param("state", "ALARM"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        long acknowledged = Long.parseLong(alerts.replaceAll("(?s)^\\[\\{\"id\":(\\d+),.*", "$1"));
        this.mvc.perform(post("/api/v1/alerts/" + acknowledged + "/ack").contentType(MediaType.APPLICATION_JSON)
            .content("{\"by\": \"ana\"}")).andExpect(status().isOk());
        this.clock.advance(Duration.ofHours(4));
        assertThat(this.reminders.remind()).as("the acknowledged alert is not repeated").isEqualTo(reminded - 1);
    }

    @Test
    void shouldNotifyOnlyTheChannelsARuleNames() throws Exception {
        try (Receiver other = new Receiver()) {
            createChannel(this.receiver.url(), null);
            long named = createChannel(other.url(), null);
            this.mvc.perform(post("/api/v1/alert-rules").contentType(MediaType.APPLICATION_JSON).content("""
                    {"name": "Anything invoked", "signal": "METRIC", "metric": "Invocations", "statistic": "Sum",
                     "comparison": "GREATER_THAN_THRESHOLD", "threshold": 0, "periodSeconds": 3600,
                     "evaluationPeriods": 1, "datapointsToAlarm": 1, "severity": "CRITICAL", "channelIds": [%d]}"""
                .formatted(named)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.channelIds[0]").value(named));
            CycleRunner.runCycle(this.context);
            this.evaluation.evaluateAll();
            this.worker.deliverDue();
            assertThat(other.requests).anySatisfy((r) -> assertThat(r.body()).contains("Anything invoked"));
            assertThat(this.receiver.requests).isNotEmpty()
                .noneSatisfy((r) -> assertThat(r.body()).contains("Anything invoked"));
        }
    }

    @Test
    void shouldRemindOnlyTheChannelsARuleNames() throws Exception {
        try (Receiver other = new Receiver()) {
            createChannel(this.receiver.url(), null);
            long named = createChannel(other.url(), null);
            this.mvc.perform(post("/api/v1/alert-rules").contentType(MediaType.APPLICATION_JSON).content("""
                    {"name": "Anything invoked", "signal": "METRIC", "metric": "Invocations", "statistic": "Sum",
                     "comparison": "GREATER_THAN_THRESHOLD", "threshold": 0, "periodSeconds": 3600,
                     "evaluationPeriods": 1, "datapointsToAlarm": 1, "severity": "CRITICAL", "channelIds": [%d]}"""
                .formatted(named)))
                .andExpect(status().isCreated());
            CycleRunner.runCycle(this.context);
            this.evaluation.evaluateAll();
            this.worker.deliverDue();
            this.clock.advance(Duration.ofHours(4));
            assertThat(this.reminders.remind()).isPositive();
            this.worker.deliverDue();
            assertThat(other.requests).anySatisfy((r) -> assertThat(r.body()).contains("Anything invoked",
                    "\"reminder\":true"));
            assertThat(this.receiver.requests).noneSatisfy((r) -> assertThat(r.body()).contains("Anything invoked"));
        }
    }

    @Test
    void shouldRefuseAChannelWithoutAUsableUrl() throws Exception {
        this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"ops\", \"url\": \"ftp://example\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("url"));
    }

    private long createChannel(String url, String secret) throws Exception {
        return createChannel(url, secret, "WEBHOOK");
    }

    private long createChannel(String url, String secret, String type) throws Exception {
        String body = "{\"name\": \"ops\", \"type\": \"" + type + "\", \"url\": \"" + url + "\""
                + ((secret != null) ? ", \"secret\": \"" + secret + "\"" : "") + "}";
        String answer = this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
        return Long.parseLong(answer.replaceAll(".*\"id\":(\\d+).*", "$1"));
    }
}
