package dev.lambdalens.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.lambdalens.collector.CycleRunner;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.testing.MutableClock;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The alert page on the demo account, after image-resizer's throttling burst has fired its alert: the chart's data
 * is what the evaluation judged (derived signals included), the datapoints read as people read them, the condition
 * is in words, and the page links to the function, to the rule, and from the overview.
 */
@SpringBootTest(properties = { "lambdalens.collector.function-interval=1m", "lambdalens.collector.initial-backfill=2h" })
@AutoConfigureMockMvc
class AlertPageTests {

    static final Instant NOW = AlertingTests.BURST.plus(Duration.ofMinutes(5)).plusSeconds(30);

    static final JsonMapper json = JsonMapper.builder().build();

    /** A value as Readings writes it: at most 3 significant digits below 100, whole numbers from 100 up. */
    static final String ROUNDED = "(-?(0|[1-9]\\d?)(\\.\\d{1,2})?|-?0\\.0*[1-9]\\d{0,2}|-?[1-9]\\d?\\d?(,\\d{3})*)";

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    SignalReader reader;

    @Autowired
    AlertRuleRepository rules;

    @Autowired
    AlertTransitionRepository transitions;

    @Autowired
    Inventory inventory;

    static boolean collected;

    @BeforeEach
    void fireTheBurst() {
        this.clock.set(NOW);
        if (!collected) {
            CycleRunner.runCycle(this.context);
            this.evaluation.evaluateAll();
            collected = true;
        }
    }

    @Test
    void shouldChartExactlyWhatTheEvaluationJudged() throws Exception {
        JsonNode alert = alert("Throttles", "image-resizer");
        assertThat(alert.get("state").asString()).isEqualTo("ALARM");
        long id = alert.get("id").asLong();
        JsonNode signal = body(get("/api/v1/alerts/" + id + "/signal"));
        AlertRule rule = this.rules.findById(alert.get("ruleId").asLong()).orElseThrow();
        AlarmCondition condition = rule.definition().condition();
        long period = condition.period().toSeconds();
        assertThat(signal.get("periodSeconds").asLong()).isEqualTo(period);
        JsonNode points = signal.get("points");
        long end = NOW.getEpochSecond() / period * period;
        assertThat(points.size()).as("3 hours of periods").isEqualTo((int) (3 * 3600 / period));
        assertThat(points.get(points.size() - 1).get(0).asLong()).isEqualTo(end - period);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).get(0).asLong() - points.get(i - 1).get(0).asLong()).isEqualTo(period);
        }
        // the same values the evaluation reads for this target
        long start = points.get(0).get(0).asLong();
        List<Double> read = this.reader.read(rule.definition(), this.inventory.functions(),
                Instant.ofEpochSecond(start), points.size()).get(new AlertTarget("123456789012", "us-east-1",
                        "image-resizer"));
        assertThat(values(points)).isEqualTo(read);
        assertThat(read.stream().filter((v) -> v != null && v > 0)).as("the burst is in the chart").isNotEmpty();
        // and every judged datapoint of the history, at its period, is the chart's value there
        Map<Long, Double> byTime = new HashMap<>();
        points.forEach((p) -> byTime.put(p.get(0).asLong(), p.get(1).isNull() ? null : p.get(1).asDouble()));
        int compared = 0;
        for (AlertTransition t : this.transitions.findByAlertIdOrderByAtDesc(id)) {
            List<AlertSignals.Reading> datapoints = AlertSignals.datapoints(t, rule.definition());
            for (AlertSignals.Reading d : datapoints) {
                if (byTime.containsKey(d.from().getEpochSecond())) {
                    assertThat(byTime.get(d.from().getEpochSecond())).as("datapoint at " + d.from()).isEqualTo(d.value());
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(condition.evaluationRange());
        assertThat(signal.get("threshold").asDouble()).isEqualTo(condition.threshold());
        assertThat(signal.get("condition").asString()).isEqualTo(ConditionWords.of(rule.definition()));
        assertThat(signal.get("unit").asString()).isEqualTo("count");
        // the evaluation judges settled periods only: 3 minutes (the settle delay) before now
        long judgedUntil = Instant.parse(signal.get("judgedUntil").asString()).getEpochSecond();
        assertThat(judgedUntil).isLessThanOrEqualTo((NOW.getEpochSecond() - 180) / period * period);
        assertThat(Instant.parse(signal.get("evaluationFrom").asString()).getEpochSecond())
            .isEqualTo(judgedUntil - period * condition.evaluationRange());
        assertThat(signal.get("evaluationRange").size()).isEqualTo(condition.evaluationRange());
        // the change to ALARM is marked, at the end of the period that decided it
        List<String> changes = new ArrayList<>();
        signal.get("changes").forEach((c) -> changes.add(c.get("from").asString() + "→" + c.get("to").asString()));
        assertThat(changes).last().asString().endsWith("→ALARM");
        long alarmAt = signal.get("changes").get(changes.size() - 1).get("at").asLong();
        assertThat(alarmAt % period).isZero();
        assertThat(alarmAt).isBetween(start, end);
    }

    @Test
    void shouldChartADerivedSignalAsTheEvaluationComputesIt() throws Exception {
        JsonNode alert = alert("Error rate above 5%", "pdf-renderer");
        AlertRule rule = this.rules.findById(alert.get("ruleId").asLong()).orElseThrow();
        assertThat(rule.definition().signal()).isEqualTo(Signal.ERROR_RATE);
        JsonNode signal = body(get("/api/v1/alerts/" + alert.get("id").asLong() + "/signal?hours=2"));
        long period = signal.get("periodSeconds").asLong();
        assertThat(period).isEqualTo(300);
        JsonNode points = signal.get("points");
        assertThat(points.size()).isEqualTo(24);
        assertThat(signal.get("unit").asString()).isEqualTo("%");
        // errors as a share of invocations, per 5 minutes, from the stored series
        String from = Instant.ofEpochSecond(points.get(0).get(0).asLong()).toString();
        String to = Instant.ofEpochSecond(points.get(points.size() - 1).get(0).asLong() + period).toString();
        Map<Long, Double> errors = series("Errors", from, to, period);
        Map<Long, Double> invocations = series("Invocations", from, to, period);
        int rates = 0;
        for (JsonNode p : points) {
            Double invoked = invocations.get(p.get(0).asLong());
            if (invoked == null || invoked == 0) {
                assertThat(p.get(1).isNull()).as("no invocations, no rate").isTrue();
                continue;
            }
            double expected = 100 * errors.getOrDefault(p.get(0).asLong(), 0.0) / invoked;
            assertThat(p.get(1).asDouble()).isCloseTo(expected, within(1e-9));
            rates++;
        }
        assertThat(rates).isGreaterThan(12);
        assertThat(signal.get("evaluationRange")).allSatisfy((r) -> assertThat(r.get("text").asString())
            .matches(ROUNDED + "%|no data"));
    }

    @Test
    void shouldShowTheConditionTheDatapointsRoundedAndTheLinks() throws Exception {
        JsonNode alert = alert("Throttles", "image-resizer");
        long id = alert.get("id").asLong();
        long ruleId = alert.get("ruleId").asLong();
        Document page = page("/alerts/" + id);
        AlertRule rule = this.rules.findById(ruleId).orElseThrow();
        assertThat(page.getElementById("condition").text()).isEqualTo(ConditionWords.of(rule.definition()))
            .startsWith("Throttles (Sum) above 0");
        assertThat(page.getElementById("function-link").attr("href"))
            .isEqualTo("/functions/us-east-1/image-resizer?account=123456789012");
        assertThat(page.getElementById("rule-link").attr("href")).isEqualTo("/alerts#rule-" + ruleId);
        assertThat(page.getElementById("rule-edit").attr("href")).isEqualTo("/alerts/rules/" + ruleId + "/edit");
        // the links lead somewhere: the function page, and the rule's row on the alerts page
        this.mvc.perform(get("/functions/us-east-1/image-resizer?account=123456789012").accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk());
        assertThat(page("/alerts").getElementById("rule-" + ruleId).text()).contains("Throttles");

        Element chart = page.selectFirst(".chart[data-chart]");
        assertThat(json.readTree(chart.attr("data-chart")).get("source").asString())
            .isEqualTo("/api/v1/alerts/" + id + "/signal");

        List<Element> judged = page.select("#evaluation-range tbody tr");
        assertThat(judged).hasSize(rule.definition().condition().evaluationRange());
        for (Element row : judged) {
            assertThat(row.child(0).text()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}–\\d{2}:\\d{2}");
            assertThat(row.child(1).text()).matches(ROUNDED + "|no data");
        }
        assertThat(page.select("#evaluation-range tbody tr.warn")).as("the burst's throttles breach").isNotEmpty();
        List<String> datapoints = page.select("#history .datapoint").eachText();
        assertThat(datapoints).isNotEmpty()
            .allSatisfy((d) -> assertThat(d).matches("\\d{2}:\\d{2} (" + ROUNDED + "|no data),?"));
    }

    @Test
    void shouldRoundAShareOfTheTimeoutToAPercentage() throws Exception {
        JsonNode alert = alert("p99 duration above 90% of the timeout", "pdf-renderer");
        assertThat(alert.get("state").asString()).isEqualTo("ALARM");
        Document page = page("/alerts/" + alert.get("id").asLong());
        List<String> values = page.select("#evaluation-range tbody td.num").eachText();
        assertThat(values).isNotEmpty().allSatisfy((v) -> assertThat(v).matches(ROUNDED + "%|no data"));
        assertThat(values).anySatisfy((v) -> assertThat(v).endsWith("%"));
        assertThat(page.select("#history .datapoint").eachText())
            .anySatisfy((v) -> assertThat(v).matches("\\d{2}:\\d{2} " + ROUNDED + "%,?"));
    }

    @Test
    void shouldLinkEveryFiringItemOfTheOverviewToItsAlert() throws Exception {
        Set<String> firing = new TreeSet<>();
        for (JsonNode a : body(get("/api/v1/alerts?state=ALARM"))) {
            firing.add("/alerts/" + a.get("id").asLong());
        }
        assertThat(firing).hasSizeGreaterThanOrEqualTo(2);
        Document overview = page("/");
        List<String> links = overview.select("section.firing li a.firing-alert").eachAttr("href");
        assertThat(new TreeSet<>(links)).isEqualTo(firing);
        assertThat(overview.select("section.firing li")).hasSize(firing.size());
        for (String link : links) {
            this.mvc.perform(get(link).accept(MediaType.TEXT_HTML)).andExpect(status().isOk());
        }
    }

    @Test
    void shouldSayWhyASelfMonitoringAlertHasNoChart() throws Exception {
        JsonNode alert = null;
        for (JsonNode a : body(get("/api/v1/alerts"))) {
            AlertRule rule = this.rules.findById(a.get("ruleId").asLong()).orElseThrow();
            if (rule.definition().signal() == Signal.COLLECTION_FAILING) {
                alert = a;
            }
        }
        assertThat(alert).as("the built-in collection rule has an alert per account and region").isNotNull();
        JsonNode signal = body(get("/api/v1/alerts/" + alert.get("id").asLong() + "/signal"));
        assertThat(signal.get("note").asString()).contains("judged on the clock");
        assertThat(signal.get("points")).allSatisfy((p) -> assertThat(p.get(1).isNull()).isTrue());
        assertThat(page("/alerts/" + alert.get("id").asLong()).getElementById("signal-note").text())
            .contains("judged on the clock");
    }

    @Test
    void shouldSayWhyAnAlertOutOfItsRulesScopeHasNoChart() throws Exception {
        String rule = """
                {"name": "Resizer throttles", "signal": "METRIC", "metric": "Throttles", "statistic": "Sum",
                 "scope": "FUNCTION", "scopeValue": "image-resizer", "comparison": "GREATER_THAN_THRESHOLD",
                 "threshold": 0, "periodSeconds": 60, "evaluationPeriods": 1, "datapointsToAlarm": 1}""";
        String location = this.mvc.perform(post("/api/v1/alert-rules").contentType(MediaType.APPLICATION_JSON)
            .content(rule)).andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");
        this.evaluation.evaluateAll();
        JsonNode alert = alert("Resizer throttles", "image-resizer");
        JsonNode before = body(get("/api/v1/alerts/" + alert.get("id").asLong() + "/signal"));
        assertThat(before.get("note").isNull()).isTrue();
        assertThat(values(before.get("points"))).anySatisfy((v) -> assertThat(v).isPositive());

        this.mvc.perform(put(location).contentType(MediaType.APPLICATION_JSON)
            .content(rule.replace("\"scopeValue\": \"image-resizer\"", "\"scopeValue\": \"thumbnailer\"")))
            .andExpect(status().isOk());
        this.evaluation.evaluateAll();
        JsonNode after = body(get("/api/v1/alerts/" + alert.get("id").asLong() + "/signal"));
        assertThat(after.get("note").asString()).contains("no longer watches this target");
        assertThat(after.get("points")).allSatisfy((p) -> assertThat(p.get(1).isNull()).isTrue());
        assertThat(after.get("evaluationRange")).isEmpty();
        this.mvc.perform(delete(location)).andExpect(status().isNoContent());
        this.evaluation.evaluateAll(); // the deleted rule's alerts resolve, as the other tests expect
    }

    @Test
    void shouldRefuseABadRangeAndAnUnknownAlert() throws Exception {
        long id = alert("Throttles", "image-resizer").get("id").asLong();
        for (String hours : new String[] { "0", "49", "-1", "three" }) {
            this.mvc.perform(get("/api/v1/alerts/" + id + "/signal").param("hours", hours))
                .andExpect(status().isBadRequest());
        }
        this.mvc.perform(get("/api/v1/alerts/" + id + "/signal").param("hours", "48")).andExpect(status().isOk());
        this.mvc.perform(get("/api/v1/alerts/999999/signal")).andExpect(status().isNotFound());
    }

    @Test
    void shouldRecordTheSignedInUserForASilenceFromThePageForm() throws Exception {
        this.mvc.perform(post("/alerts/silences").param("endsAt", "2026-11-28T16:00")
            .param("functionPattern", "image-*")
            .param("createdBy", "mallory")
            .param("comment", "resizing migration"))
            .andExpect(status().is3xxRedirection());
        this.mvc.perform(post("/alerts/silences").param("endsAt", "2026-11-28T16:00")
            .param("functionPattern", "thumb-*")
            .param("comment", "no name typed"))
            .andExpect(status().is3xxRedirection());
        List<String> by = new ArrayList<>();
        for (JsonNode silence : body(get("/api/v1/silences"))) {
            if (silence.get("comment").asString().equals("resizing migration")
                    || silence.get("comment").asString().equals("no name typed")) {
                by.add(silence.get("createdBy").asString());
            }
        }
        assertThat(by).containsExactly("admin", "admin");
    }

    private static List<Double> values(JsonNode points) {
        List<Double> values = new ArrayList<>();
        points.forEach((p) -> values.add(p.get(1).isNull() ? null : p.get(1).asDouble()));
        return values;
    }

    private Map<Long, Double> series(String metric, String from, String to, long step) throws Exception {
        JsonNode series = body(get("/api/v1/series").param("metric", metric).param("statistic", "Sum")
            .param("region", "us-east-1").param("function", "pdf-renderer").param("account", "123456789012")
            .param("from", from).param("to", to).param("step", String.valueOf(step)));
        Map<Long, Double> values = new HashMap<>();
        series.get("points").forEach((p) -> values.put(p.get(0).asLong(), p.get(1).asDouble()));
        return values;
    }

    private JsonNode alert(String rule, String function) throws Exception {
        for (JsonNode alert : body(get("/api/v1/alerts?limit=1000"))) { // every alert, not the first page
            if (alert.get("ruleName").asString().equals(rule) && alert.get("function").asString().equals(function)
                    && alert.get("region").asString().equals("us-east-1")) {
                return alert;
            }
        }
        throw new AssertionError("No " + rule + " alert for " + function);
    }

    private Document page(String path) throws Exception {
        return Jsoup.parse(this.mvc.perform(get(path).accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
    }

    private JsonNode body(RequestBuilder request) throws Exception {
        return json.readTree(this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
            .getContentAsString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(AlertingTests.START);
        }
    }
}
