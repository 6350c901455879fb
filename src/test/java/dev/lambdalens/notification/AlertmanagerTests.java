package dev.lambdalens.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.lambdalens.alerting.AlertBoard;
import dev.lambdalens.alerting.RuleEvaluation;
import dev.lambdalens.collector.CycleRunner;
import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.LocalServer;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Alertmanager channel against a real Alertmanager (Debian's {@code prometheus-alertmanager}) on a loopback
 * port: alerts a rule fires show up in Alertmanager's own API with their labels and link, Alertmanager routes them
 * to its receiver, and when the rule's alerts resolve they leave Alertmanager's active alerts and its receiver hears
 * "resolved". The clock starts six minutes behind the wall clock and catches up with it before each post
 * (Alertmanager judges {@code endsAt} by its own clock).
 */
@SpringBootTest(properties = { "lambdalens.collector.initial-backfill=2h",
        "lambdalens.public-url=https://lambdalens.example.com" })
@AutoConfigureMockMvc
@Import({ DemoData.class, AlertmanagerTests.WallClock.class })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class AlertmanagerTests {

    static final JsonMapper json = JsonMapper.builder().build();

    static final String P99_RULE = "p99 duration above 90% of the timeout";

    final Receiver receiver = new Receiver();

    final HttpClient http = HttpClient.newHttpClient();

    LocalServer alertmanager;

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    AlertmanagerResend resend;

    @Autowired
    MutableClock clock;

    @Autowired
    AlertBoard board;

    @BeforeEach
    void startAlertmanager() {
        String config = """
                route:
                  receiver: lambdalens-test
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: lambdalens-test
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                """.formatted(this.receiver.url());
        this.alertmanager = LocalServer.start("/usr/bin/prometheus-alertmanager", "prometheus-alertmanager",
                "alertmanager.yml", config,
                (port, dir) -> List.of("--config.file=" + dir.resolve("alertmanager.yml"),
                        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=", "--log.level=warn"),
                "/-/ready");
    }

    @AfterEach
    void stop() {
        if (this.alertmanager != null) {
            this.alertmanager.close();
        }
        this.receiver.close();
    }

    @Test
    void shouldPostFiringAlertsToAlertmanagerAndResolveThem() throws Exception {
        createChannel();
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        keepUpWithTheWallClock();
        assertThat(this.worker.deliverDue()).isPositive();

        JsonNode renderer = awaitAlert((a) -> isP99Renderer(a));
        assertThat(renderer.get("labels").get("alertname").asString()).isEqualTo(P99_RULE);
        assertThat(renderer.get("labels").get("rule").asString()).isEqualTo(P99_RULE);
        assertThat(renderer.get("labels").get("severity").asString()).isEqualTo("warning");
        assertThat(renderer.get("labels").get("account").asString()).isEqualTo("123456789012");
        assertThat(renderer.get("labels").get("region").asString()).isEqualTo("us-east-1");
        assertThat(renderer.get("status").get("state").asString()).isEqualTo("active");
        assertThat(renderer.get("generatorURL").asString()).matches("https://lambdalens\\.example\\.com/alerts/\\d+");
        assertThat(renderer.get("annotations").get("description").asString()).isNotBlank();
        Instant began = firingSince("pdf-renderer");
        assertThat(began).as("judged on a collected period, minutes before now").isBefore(this.clock.instant());
        assertThat(Instant.parse(renderer.get("startsAt").asString())).as("when it began firing").isEqualTo(began);
        assertThat(Instant.parse(renderer.get("endsAt").asString())).as("held from the post, not from the period")
            .isEqualTo(this.clock.instant().plus(Duration.ofMinutes(4)));
        awaitReceiver("\"status\":\"firing\"", P99_RULE);

        // nothing of the renderer's p99 breaches 1000% of its timeout: the rule's alerts resolve
        // judged on the periods collected since (the clock started behind the wall clock by more than one)
        setThreshold(P99_RULE, 1000);
        keepUpWithTheWallClock();
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        assertThat(this.worker.deliverDue()).isPositive();
        awaitNoAlert((a) -> isP99Renderer(a));
        awaitReceiver("\"status\":\"resolved\"", P99_RULE);
    }

    @Test
    void shouldKeepAFiringAlertAliveByPostingItAgain() throws Exception {
        createChannel();
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        keepUpWithTheWallClock();
        this.worker.deliverDue();
        Instant firstEnd = Instant.parse(awaitAlert((a) -> isP99Renderer(a)).get("endsAt").asString());
        assertThat(firstEnd).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(4)));

        this.clock.advance(Duration.ofMinutes(1));
        assertThat(this.resend.resend()).isPositive();
        JsonNode again = awaitAlert((a) -> isP99Renderer(a)
                && Instant.parse(a.get("endsAt").asString()).isAfter(firstEnd));
        assertThat(Instant.parse(again.get("endsAt").asString())).isEqualTo(firstEnd.plus(Duration.ofMinutes(1)));
        assertThat(Instant.parse(again.get("startsAt").asString())).as("still the moment it started firing")
            .isEqualTo(firingSince("pdf-renderer"));
    }

    /**
     * The test clock stands still while the context starts and the cycle runs, but Alertmanager judges {@code endsAt}
     * by the wall clock: on a loaded machine that can be minutes. Catch up, as time passing would.
     */
    private void keepUpWithTheWallClock() {
        Instant wall = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (wall.isAfter(this.clock.instant())) {
            this.clock.set(wall);
        }
    }

    private Instant firingSince(String function) {
        return this.board.firing()
            .stream()
            .filter((a) -> P99_RULE.equals(a.ruleName()) && function.equals(a.function()))
            .findFirst()
            .orElseThrow()
            .stateSince();
    }

    private static boolean isP99Renderer(JsonNode alert) {
        JsonNode labels = alert.get("labels");
        return P99_RULE.equals(labels.path("rule").asString()) && "pdf-renderer".equals(labels.path("function").asString());
    }

    private void createChannel() throws Exception {
        this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"alertmanager\", \"type\": \"ALERTMANAGER\", \"url\": \"" + this.alertmanager.url()
                    + "\"}"))
            .andExpect(status().isCreated());
    }

    private void setThreshold(String ruleName, double threshold) throws Exception {
        JsonNode rules = json.readTree(this.mvc.perform(get("/api/v1/alert-rules")).andReturn().getResponse()
            .getContentAsString());
        for (JsonNode rule : rules) {
            if (ruleName.equals(rule.get("name").asString())) {
                ObjectNode changed = (ObjectNode) rule;
                changed.put("threshold", threshold);
                this.mvc.perform(put("/api/v1/alert-rules/" + rule.get("id").asLong())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(changed))).andExpect(status().isOk());
                return;
            }
        }
        throw new AssertionError("No rule " + ruleName);
    }

    private List<JsonNode> alerts() throws Exception {
        HttpResponse<String> response = this.http.send(
                HttpRequest.newBuilder(URI.create(this.alertmanager.url() + "/api/v2/alerts")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        json.readTree(response.body()).forEach(alerts::add);
        return alerts;
    }

    private JsonNode awaitAlert(Predicate<JsonNode> wanted) throws Exception {
        for (int i = 0; i < 100; i++) {
            for (JsonNode alert : alerts()) {
                if (wanted.test(alert)) {
                    return alert;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Alertmanager has no such alert: " + alerts() + "\n" + this.alertmanager.log());
    }

    private void awaitNoAlert(Predicate<JsonNode> unwanted) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (alerts().stream().noneMatch(unwanted)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Alertmanager still has the alert: " + alerts());
    }

    private void awaitReceiver(String... fragments) throws Exception {
        for (int i = 0; i < 150; i++) {
            synchronized (this.receiver.requests) {
                if (this.receiver.requests.stream().anyMatch((r) -> List.of(fragments).stream()
                    .allMatch(r.body()::contains))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Alertmanager's receiver never heard " + List.of(fragments) + ": "
                + this.receiver.requests);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class WallClock {

        @Bean
        @Primary
        MutableClock testClock() {
            // behind the wall clock by more than the rule's 5-minute period, to catch up on later in the test
            return new MutableClock(Instant.now().minus(Duration.ofMinutes(6)).truncatedTo(ChronoUnit.SECONDS));
        }
    }
}
