package dev.lambdalens.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.lambdalens.collector.CycleRunner;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Rules on the demo account, end to end: collected data, the default rules, alerts with their history, and the
 * rules and alerts API.
 */
@SpringBootTest(properties = { "lambdalens.collector.function-interval=1m", "lambdalens.collector.initial-backfill=2h" })
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class AlertingTests {

    /** image-resizer bursts above its reserved concurrency for 6 minutes every 47 (every 2,820 s of epoch time). */
    static final Instant BURST = Instant.ofEpochSecond(
            (Instant.parse("2026-11-28T10:00:00Z").getEpochSecond() / 2_820 + 1) * 2_820);

    static final Instant START = BURST.minus(Duration.ofMinutes(10)).plusSeconds(30);

    static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    RuleEvaluation evaluation;

    @Test
    void shouldFireTheDefaultThrottlesRuleForTheBurstingFunctionAndResolveIt() throws Exception {
        List<String> states = new ArrayList<>();
        for (int minute = 0; minute < 45; minute++) {
            CycleRunner.runCycle(this.context);
            this.evaluation.evaluateAll();
            states.add(throttlesAlert("image-resizer").get("state").asString());
            this.clock.advance(Duration.ofMinutes(1));
        }
        assertThat(states).startsWith("OK").contains("ALARM").endsWith("OK");
        assertThat(states.indexOf("ALARM")).as("fires once the burst's minutes have settled").isBetween(10, 16);
        JsonNode alert = throttlesAlert("image-resizer");
        JsonNode history = body(get("/api/v1/alerts/" + alert.get("id").asLong() + "/history"));
        assertThat(history.size()).isEqualTo(3); // INSUFFICIENT_DATA -> OK -> ALARM -> OK, newest first
        assertThat(history.get(1).get("to").asString()).isEqualTo("ALARM");
        assertThat(history.get(1).get("reason").asString()).contains("breaching");
        assertThat(history.get(1).get("datapoints").asString()).isNotBlank();
        assertThat(throttlesAlert("orders-api").get("state").asString()).isEqualTo("OK");
        // the renderer runs at its timeout: the p99 rule is in ALARM for it
        List<String> slow = new ArrayList<>();
        for (JsonNode firing : body(get("/api/v1/alerts?state=ALARM"))) {
            if (firing.get("ruleName").asString().startsWith("p99 duration")) {
                slow.add(firing.get("function").asString());
            }
        }
        assertThat(slow).contains("pdf-renderer").doesNotContain("orders-api", "auth-authorizer");
        String page = this.mvc.perform(get("/alerts").accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(page).contains("p99 duration above 90% of the timeout", "pdf-renderer", "ALARM", "Throttles");
        String overview = this.mvc.perform(get("/").accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(overview).contains("Firing", "pdf-renderer (us-east-1)");
    }

    @Test
    void shouldShipTheDefaultRules() throws Exception {
        this.mvc.perform(get("/api/v1/alert-rules"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$", hasSize(13)))
            .andExpect(jsonPath("$[0].signal").value("ACCOUNT_CONCURRENCY_SHARE"))
            .andExpect(jsonPath("$[0].threshold").value(80.0))
            .andExpect(jsonPath("$[0].evaluationPeriods").value(5))
            .andExpect(jsonPath("$[0].datapointsToAlarm").value(3))
            .andExpect(jsonPath("$[1].metric").value("Throttles"))
            .andExpect(jsonPath("$[1].evaluationPeriods").value(5))
            .andExpect(jsonPath("$[1].keepFiringForSeconds").value(600))
            .andExpect(jsonPath("$[4].signal").value("COLLECTION_FAILING"))
            .andExpect(jsonPath("$[5].signal").value("DATA_LAG"))
            .andExpect(jsonPath("$[6].name").value("Notifications given up"))
            .andExpect(jsonPath("$[6].signal").value("EXTERNAL"))
            .andExpect(jsonPath("$[7].signal").value("DISCOVERY_FAILING"))
            .andExpect(jsonPath("$[7].threshold").value(30.0))
            .andExpect(jsonPath("$[8].metric").value("AsyncEventsDropped"))
            .andExpect(jsonPath("$[9].metric").value("DeadLetterErrors"))
            .andExpect(jsonPath("$[10].metric").value("DestinationDeliveryFailures"))
            .andExpect(jsonPath("$[11].metric").value("RecursiveInvocationsDropped"))
            .andExpect(jsonPath("$[12].metric").value("IteratorAge"))
            .andExpect(jsonPath("$[12].statistic").value("Maximum"))
            .andExpect(jsonPath("$[12].threshold").value(300000.0))
            .andExpect(jsonPath("$[12].datapointsToAlarm").value(3));
    }

    @Test
    void shouldCreateChangeAndDeleteARule() throws Exception {
        String rule = """
                {"name": "Orders errors", "signal": "ERROR_RATE", "scope": "NAME_PATTERN", "scopeValue": "orders-*",
                 "comparison": "GREATER_THAN_THRESHOLD", "threshold": 1, "periodSeconds": 300,
                 "evaluationPeriods": 3, "datapointsToAlarm": 2, "missingData": "NOT_BREACHING",
                 "severity": "CRITICAL", "runbookUrl": "https://wiki.example.com/orders"}""";
        String location = this.mvc.perform(post("/api/v1/alert-rules").contentType(MediaType.APPLICATION_JSON)
            .content(rule))
            .andExpect(status().isCreated())
            .andExpect(header().exists("Location"))
            .andExpect(jsonPath("$.scopeValue").value("orders-*"))
            .andReturn()
            .getResponse()
            .getHeader("Location");
        this.mvc.perform(put(location).contentType(MediaType.APPLICATION_JSON)
            .content(rule.replace("\"threshold\": 1", "\"threshold\": 2.5")))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.threshold").value(2.5));
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        this.mvc.perform(get("/api/v1/alerts"))
            .andExpect(jsonPath("$[?(@.ruleName == 'Orders errors')].function", hasSize(2))); // orders-api x 2 regions
        this.mvc.perform(delete(location)).andExpect(status().isNoContent());
        this.mvc.perform(get(location)).andExpect(status().isNotFound());
    }

    @Test
    void shouldRefuseABadRuleWithAMessagePerField() throws Exception {
        this.mvc.perform(post("/api/v1/alert-rules").contentType(MediaType.APPLICATION_JSON).content("""
                {"signal": "METRIC", "comparison": "GREATER_THAN_THRESHOLD", "periodSeconds": 30,
                 "evaluationPeriods": 0, "datapointsToAlarm": 1, "region": "Frankfurt"}"""))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[*].field").value(
                    org.hamcrest.Matchers.containsInAnyOrder("name", "threshold", "periodSeconds",
                            "evaluationPeriods", "region")));
        badRule("""
                {"name": "x", "signal": "METRIC", "comparison": "GREATER_THAN_THRESHOLD", "threshold": 0,
                 "periodSeconds": 60, "evaluationPeriods": 3, "datapointsToAlarm": 1}""", "metric");
        badRule("""
                {"name": "x", "signal": "METRIC", "metric": "Throttles", "statistic": "p99",
                 "comparison": "GREATER_THAN_THRESHOLD", "threshold": 0, "periodSeconds": 60,
                 "evaluationPeriods": 3, "datapointsToAlarm": 1}""", "statistic");
        badRule("""
                {"name": "x", "signal": "ERROR_RATE", "comparison": "GREATER_THAN_THRESHOLD", "threshold": 5,
                 "periodSeconds": 60, "evaluationPeriods": 3, "datapointsToAlarm": 4}""", "datapointsToAlarm");
        badRule("""
                {"name": "x", "signal": "ERROR_RATE", "scope": "TAG", "scopeValue": "team",
                 "comparison": "GREATER_THAN_THRESHOLD", "threshold": 5, "periodSeconds": 60,
                 "evaluationPeriods": 3, "datapointsToAlarm": 1}""", "scopeValue");
        badRule("""
                {"name": "x", "signal": "ERROR_RATE", "comparison": "GREATER_THAN_THRESHOLD", "threshold": 5,
                 "periodSeconds": 3600, "evaluationPeriods": 30, "datapointsToAlarm": 1}""", "evaluationPeriods");
        this.mvc.perform(post("/api/v1/alert-rules").contentType(MediaType.APPLICATION_JSON).content("{\"signal\": \"LOUD\""))
            .andExpect(status().isBadRequest());
    }

    @Test
    void shouldAcknowledgeAnAlertInAlarmOnly() throws Exception {
        this.clock.set(BURST.plus(Duration.ofMinutes(5)).plusSeconds(30));
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        JsonNode alarm = throttlesAlert("image-resizer");
        assertThat(alarm.get("state").asString()).isEqualTo("ALARM");
        this.mvc.perform(post("/api/v1/alerts/" + alarm.get("id").asLong() + "/ack")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"by\": \"ana\", \"comment\": \"raising reserved concurrency\"}"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.acknowledgedBy").value("admin")) // the signed-in user, not the name typed
            .andExpect(jsonPath("$.ackComment").value("raising reserved concurrency"));
        this.mvc.perform(post("/api/v1/alerts/" + alarm.get("id").asLong() + "/ack")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"comment\": \"" + "x".repeat(1001) + "\"}")).andExpect(status().isBadRequest());
        assertThat(body(get("/api/v1/alerts/" + alarm.get("id").asLong() + "/history")).get(0).get("reason")
            .asString()).isEqualTo("acknowledged by admin: raising reserved concurrency");
        JsonNode ok = throttlesAlert("orders-api");
        this.mvc.perform(post("/api/v1/alerts/" + ok.get("id").asLong() + "/ack")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"by\": \"ana\"}")).andExpect(status().isConflict());
        this.mvc.perform(post("/api/v1/alerts/999999/ack").contentType(MediaType.APPLICATION_JSON)
            .content("{\"by\": \"ana\"}")).andExpect(status().isNotFound());
    }

    private void badRule(String body, String field) throws Exception {
        this.mvc.perform(post("/api/v1/alert-rules").contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    private JsonNode throttlesAlert(String function) throws Exception {
        for (JsonNode alert : body(get("/api/v1/alerts"))) {
            if (alert.get("ruleName").asString().equals("Throttles") && alert.get("function").asString().equals(function)
                    && alert.get("region").asString().equals("us-east-1")) {
                return alert;
            }
        }
        throw new AssertionError("No Throttles alert for " + function);
    }

    private JsonNode body(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return json.readTree(this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
            .getContentAsString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }
    }
}
