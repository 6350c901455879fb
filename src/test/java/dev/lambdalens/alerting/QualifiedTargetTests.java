package dev.lambdalens.alerting;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.EventSourceKind;
import dev.lambdalens.inventory.EventSourceMapping;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.inventory.InvocationSetup;
import dev.lambdalens.inventory.ProvisionedConcurrency;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SampleStore;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Rules on metrics kept per event source mapping or per alias and version watch each qualifier on its own stored
 * series: one alert per mapping or alias, each firing alone, resolved with a reason naming its qualifier when the
 * qualifier goes, silenced by a silence on its function, and shown with its qualifier beside a link to its function.
 * The spillover rate, derived from two series kept per alias or version, is judged per alias or version too.
 * Each test has an account of its own.
 */
@SpringBootTest(properties = { "lambdalens.collector.enabled=false", "lambdalens.alerting.enabled=false",
        "lambdalens.notification.enabled=false" })
@AutoConfigureMockMvc
@DirtiesContext
class QualifiedTargetTests {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:20Z");

    static final String REGION = "us-east-1";

    static final String FAILING = "1b2c3d4e-0000-4000-8000-00000000000a";

    static final String HEALTHY = "5f6a7b8c-0000-4000-8000-00000000000b";

    static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    Inventory inventory;

    @Autowired
    SampleStore samples;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    AlertRuleRepository rules;

    @Autowired
    AlertStates states;

    @Autowired
    SilenceRepository silences;

    @Autowired
    AlertBoard board;

    @Autowired
    RulePreview preview;

    @Autowired
    MockMvc mvc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    FunctionReferences references;

    @Test
    void shouldAlarmForTheOneMappingWhoseSeriesBreachesAndResolveItWhenTheMappingGoes() {
        String account = "311111111111";
        discoverMappings(account, FAILING, HEALTHY);
        storeMappingCounts(account);
        long rule = rule(account, LambdaMetric.FAILED_INVOKE_EVENT_COUNT, Statistic.SUM, 0);

        this.evaluation.evaluateAll();
        Map<String, Alert> alerts = alerts(rule);
        assertThat(alerts).containsOnlyKeys("orders:" + FAILING, "orders:" + HEALTHY);
        assertThat(alerts.get("orders:" + FAILING).state()).isEqualTo(AlarmState.ALARM);
        assertThat(alerts.get("orders:" + HEALTHY).state()).isEqualTo(AlarmState.OK);
        assertThat(alerts.get("orders:" + FAILING).id()).isNotEqualTo(alerts.get("orders:" + HEALTHY).id());

        // the failing mapping is deleted: its alert leaves ALARM saying which mapping went, the other stays
        discoverMappings(account, HEALTHY);
        this.evaluation.evaluateAll();
        Alert resolved = alerts(rule).get("orders:" + FAILING);
        assertThat(resolved.state()).isNotEqualTo(AlarmState.ALARM);
        assertThat(resolved.lastReason()).contains("no longer watches " + account + "/" + REGION + "/orders:" + FAILING)
            .contains("the mapping 1b2c3d4e… of orders is gone")
            .contains("FailedInvokeEventCount cannot exist for it");
        assertThat(alerts(rule).get("orders:" + HEALTHY).state()).isEqualTo(AlarmState.OK);
    }

    @Test
    void shouldAlarmPerAliasOnProvisionedConcurrencyUtilizationAndSilenceItWithASilenceOnTheFunction() {
        String account = "322222222222";
        discoverProvisioned(account, "live", "7");
        Map<SeriesKey, List<Point>> stored = new HashMap<>();
        stored.put(SeriesKey.ofQualified(account, REGION, "warm", "live",
                LambdaMetric.PROVISIONED_CONCURRENCY_UTILIZATION, Statistic.MAXIMUM), minutes(0.95));
        stored.put(SeriesKey.ofQualified(account, REGION, "warm", "7",
                LambdaMetric.PROVISIONED_CONCURRENCY_UTILIZATION, Statistic.MAXIMUM), minutes(0.5));
        this.samples.upsert(stored);
        long rule = rule(account, LambdaMetric.PROVISIONED_CONCURRENCY_UTILIZATION, Statistic.MAXIMUM, 0.9);

        this.evaluation.evaluateAll();
        Map<String, Alert> alerts = alerts(rule);
        assertThat(alerts).as("one alert per alias or version with provisioned concurrency, none for cold")
            .containsOnlyKeys("warm:live", "warm:7");
        assertThat(alerts.get("warm:live").state()).isEqualTo(AlarmState.ALARM);
        assertThat(alerts.get("warm:7").state()).isEqualTo(AlarmState.OK);

        // a silence on one version leaves the alias alone; a silence on the function silences its aliases
        this.silences.save(new Silence(null, account, REGION, "warm:7", NOW.minusSeconds(60), NOW.plusSeconds(3600),
                "test", "version 7 only", NOW));
        assertThat(summary(account, "live").silenced()).isFalse();
        this.silences.save(new Silence(null, account, REGION, "warm", NOW.minusSeconds(60), NOW.plusSeconds(3600),
                "test", "the whole function", NOW));
        AlertSummary live = summary(account, "live");
        assertThat(live.silenced()).isTrue();
        assertThat(live.function()).isEqualTo("warm");
        assertThat(live.qualifier()).isEqualTo("live");
        assertThat(live.label()).isEqualTo("warm · alias live");
        assertThat(summary(account, "7").label()).isEqualTo("warm · version 7");
    }

    @Test
    void shouldJudgeTheSpilloverRatePerAliasAndResolveAFunctionWideAlertFromBeforeSayingWhy() {
        String account = "355555555555";
        discoverProvisioned(account, "live", "canary");
        // live: 20 spilled of 100 (20%); canary: none of 10; summed per function it would be 18%, both "in alarm"
        Map<SeriesKey, List<Point>> stored = new HashMap<>();
        stored.put(SeriesKey.ofQualified(account, REGION, "warm", "live",
                LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, Statistic.SUM), minutes(20));
        stored.put(SeriesKey.ofQualified(account, REGION, "warm", "live",
                LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS, Statistic.SUM), minutes(80));
        stored.put(SeriesKey.ofQualified(account, REGION, "warm", "canary",
                LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, Statistic.SUM), minutes(0));
        stored.put(SeriesKey.ofQualified(account, REGION, "warm", "canary",
                LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS, Statistic.SUM), minutes(10));
        this.samples.upsert(stored);
        RuleDefinition definition = definition(Signal.SPILLOVER_RATE, null, null, "warm", account, 5);
        AlertRule rule = this.rules.save(new AlertRule(definition, NOW));
        // an alert on the whole function, as the rule judged it before it watched each alias
        AlertTarget whole = new AlertTarget(account, REGION, "warm");
        this.transaction.executeWithoutResult((tx) -> this.states.apply(rule,
                Map.of(whole, new Evaluation(AlarmState.ALARM, List.of(18.0), 1, 1, "18% spilled")),
                NOW.minusSeconds(600)));

        this.evaluation.evaluateAll();
        Map<String, Alert> alerts = alerts(rule.id());
        assertThat(alerts.get("warm:live").state()).isEqualTo(AlarmState.ALARM);
        assertThat(alerts.get("warm:canary").state()).isEqualTo(AlarmState.OK);
        assertThat(alerts.get("warm").state()).isNotEqualTo(AlarmState.ALARM);
        assertThat(alerts.get("warm").lastReason())
            .contains("the rule now watches each alias, version or mapping of warm on its own");
    }

    @Test
    void shouldShowTheQualifierAndLinkTheFunctionOnTheAlertPagesAndTheApi() throws Exception {
        String account = "333333333333";
        discoverMappings(account, FAILING, HEALTHY);
        storeMappingCounts(account);
        long rule = rule(account, LambdaMetric.FAILED_INVOKE_EVENT_COUNT, Statistic.SUM, 0);
        this.evaluation.evaluateAll();
        long id = alerts(rule).get("orders:" + FAILING).id();

        // the API: function stays the function's name, the mapping is its own field
        JsonNode listed = json.readTree(this.mvc
            .perform(get("/api/v1/alerts").param("account", account).param("function", "orders"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
        List<String> qualifiers = new ArrayList<>();
        listed.forEach((a) -> {
            assertThat(a.get("function").asString()).isEqualTo("orders");
            qualifiers.add(a.get("qualifier").asString());
        });
        assertThat(qualifiers).contains(FAILING, HEALTHY);

        // the alert's chart reads the mapping's own series: 3 failed events a minute
        JsonNode signal = json.readTree(this.mvc.perform(get("/api/v1/alerts/" + id + "/signal"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
        JsonNode note = signal.get("note");
        assertThat(note == null || note.isNull()).as("the rule watches this target").isTrue();
        List<Double> values = new ArrayList<>();
        signal.get("points").forEach((p) -> {
            if (!p.get(1).isNull()) {
                values.add(p.get(1).asDouble());
            }
        });
        assertThat(values).isNotEmpty().containsOnly(3.0);

        Document page = page("/alerts/" + id);
        assertThat(page.getElementById("function-link").attr("href"))
            .isEqualTo("/functions/us-east-1/orders?account=" + account);
        assertThat(page.getElementById("qualifier").text()).isEqualTo("· mapping 1b2c3d4e…");
        assertThat(page.selectFirst("h1 small").text()).isEqualTo("orders · mapping 1b2c3d4e… · us-east-1");

        // the alert list, narrowed to the function, lists both mappings' alerts, each linking the function
        Document list = page("/alerts?function=orders&state=ALARM");
        var link = list.selectFirst("tr[data-alert=" + id + "] a[href^=/functions/]");
        assertThat(link).isNotNull();
        assertThat(link.attr("href")).isEqualTo("/functions/us-east-1/orders?account=" + account);
        assertThat(link.text()).isEqualTo("orders · mapping 1b2c3d4e… · us-east-1");

        // the function's page lists its mappings' alerts
        assertThat(this.board.ofFunction(account, REGION, "orders")).extracting(AlertSummary::qualifier)
            .contains(FAILING, HEALTHY);
    }

    @Test
    void shouldPreviewTheRuleOnEachMapping() {
        String account = "344444444444";
        discoverMappings(account, FAILING, HEALTHY);
        storeMappingCounts(account);
        RulePreview.View view = this.preview.of(new RuleRequest("preview", Signal.METRIC, "FailedInvokeEventCount",
                "Sum", RuleScope.FUNCTION, "orders", account, REGION, Comparison.GREATER_THAN_THRESHOLD, 0.0, 60, 1,
                1, MissingData.MISSING, Severity.WARNING, null, null, true, List.of(), null, null));
        assertThat(view.note()).isNull();
        assertThat(view.targets()).as("one target per mapping").isEqualTo(2);
        assertThat(view.alarmingTargets()).isEqualTo(1);
        assertThat(view.signal()).endsWith("orders · mapping 1b2c3d4e… (us-east-1)");
    }

    @Test
    void shouldRefuseAScopeNamingAMappingRatherThanItsFunction() {
        String account = "366666666666";
        discoverMappings(account, FAILING);
        RuleDefinition definition = definition(Signal.METRIC, LambdaMetric.FAILED_INVOKE_EVENT_COUNT, Statistic.SUM,
                "orders:" + FAILING, account, 0);
        assertThatThrownBy(() -> this.references.check(definition)).isInstanceOf(InvalidRuleException.class)
            .hasMessageContaining("names the function ('orders')");
    }

    /** warm with provisioned concurrency on each qualifier, and cold without. */
    @Test
    void shouldAlarmForTheCanaryVersionOfAWeightedAliasAloneAndResolveItWhenTheRolloutEnds() {
        String account = "377777777777";
        discoverAlias(account, new dev.lambdalens.inventory.FunctionAlias("prod", "41", Map.of("42", 0.1)));
        Map<SeriesKey, List<Point>> stored = new HashMap<>();
        stored.put(SeriesKey.ofQualified(account, REGION, "warm", "prod:41", LambdaMetric.VERSION_ERRORS,
                Statistic.SUM), minutes(1));
        stored.put(SeriesKey.ofQualified(account, REGION, "warm", "prod:42", LambdaMetric.VERSION_ERRORS,
                Statistic.SUM), minutes(12));
        this.samples.upsert(stored);
        long rule = rule(account, LambdaMetric.VERSION_ERRORS, Statistic.SUM, 5);

        this.evaluation.evaluateAll();
        Map<String, Alert> alerts = alerts(rule);
        assertThat(alerts).containsOnlyKeys("warm:prod:41", "warm:prod:42");
        assertThat(alerts.get("warm:prod:42").state()).isEqualTo(AlarmState.ALARM);
        assertThat(alerts.get("warm:prod:41").state()).isEqualTo(AlarmState.OK);
        assertThat(alerts.get("warm:prod:42").target().label()).isEqualTo("warm · version 42 behind alias prod");

        // the rollout is rolled back: the alias runs 41 alone, and the canary's alert leaves ALARM saying why
        discoverAlias(account, new dev.lambdalens.inventory.FunctionAlias("prod", "41", Map.of()));
        this.evaluation.evaluateAll();
        Alert resolved = alerts(rule).get("warm:prod:42");
        assertThat(resolved.state()).isNotEqualTo(AlarmState.ALARM);
        assertThat(resolved.lastReason()).contains("version 42 behind alias prod of warm is gone");
    }

    private void discoverAlias(String account, dev.lambdalens.inventory.FunctionAlias alias) {
        InvocationSetup setup = new InvocationSetup(null, null, Set.of(), List.of(alias), List.of(), List.of());
        this.inventory.reconcile(account, REGION, List.of(function(account, "warm").withSetup(setup)),
                AccountLimits.unknown(account, REGION, NOW), NOW);
    }

    private void discoverProvisioned(String account, String... qualifiers) {
        List<ProvisionedConcurrency> provisioned = new ArrayList<>();
        for (String qualifier : qualifiers) {
            provisioned.add(new ProvisionedConcurrency(qualifier, 2, 2, "READY", null));
        }
        InvocationSetup setup = new InvocationSetup(null, null, Set.of(), List.of(), List.of(), provisioned);
        this.inventory.reconcile(account, REGION, List.of(function(account, "warm").withSetup(setup),
                function(account, "cold").withSetup(InvocationSetup.NONE)), AccountLimits.unknown(account, REGION, NOW),
                NOW);
    }

    private void discoverMappings(String account, String... uuids) {
        List<EventSourceMapping> mappings = new ArrayList<>();
        for (String uuid : uuids) {
            mappings.add(new EventSourceMapping(uuid, "orders", null, "arn:aws:sqs:us-east-1:" + account + ":q-" + uuid,
                    EventSourceKind.SQS, "Enabled", 10, 0, List.of(), null, Set.of(EventSourceMapping.EVENT_COUNT),
                    null, null));
        }
        this.inventory.reconcile(account, REGION, List.of(function(account, "orders").withSetup(InvocationSetup.NONE)),
                mappings, AccountLimits.unknown(account, REGION, NOW), NOW);
    }

    /** Failed events on one mapping, none on the other, every minute of the last half hour. */
    private void storeMappingCounts(String account) {
        Map<SeriesKey, List<Point>> stored = new HashMap<>();
        stored.put(SeriesKey.ofQualified(account, REGION, "orders", FAILING, LambdaMetric.FAILED_INVOKE_EVENT_COUNT,
                Statistic.SUM), minutes(3));
        stored.put(SeriesKey.ofQualified(account, REGION, "orders", HEALTHY, LambdaMetric.FAILED_INVOKE_EVENT_COUNT,
                Statistic.SUM), minutes(0));
        this.samples.upsert(stored);
    }

    private static List<Point> minutes(double value) {
        long first = NOW.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30)).getEpochSecond();
        List<Point> points = new ArrayList<>();
        for (long t = first; t < NOW.getEpochSecond() - 60; t += 60) {
            points.add(new Point(t, value));
        }
        return points;
    }

    private long rule(String account, LambdaMetric metric, Statistic statistic, double above) {
        return this.rules.save(new AlertRule(definition(Signal.METRIC, metric, statistic, null, account, above), NOW))
            .id();
    }

    /** A rule in the account judging one minute at a time, on every function or on the one {@code function}. */
    private static RuleDefinition definition(Signal signal, @Nullable LambdaMetric metric,
            @Nullable Statistic statistic, @Nullable String function, String account, double above) {
        return new RuleDefinition(signal + " above " + above, signal, metric, statistic,
                (function != null) ? RuleScope.FUNCTION : RuleScope.ALL, function, account, REGION,
                new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, above, Duration.ofMinutes(1), 1, 1,
                        MissingData.MISSING),
                Severity.WARNING, null, null, true, List.of());
    }

    /** The rule's alerts by target ({@code function:qualifier}). */
    private Map<String, Alert> alerts(long rule) {
        Map<String, Alert> byTarget = new HashMap<>();
        this.states.alerts(rule).forEach((target, alert) -> byTarget.put(target.function(), alert));
        return byTarget;
    }

    private AlertSummary summary(String account, String qualifier) {
        return this.board.ofFunction(account, REGION, "warm")
            .stream()
            .filter((a) -> qualifier.equals(a.qualifier()))
            .findFirst()
            .orElseThrow();
    }

    private Document page(String path) throws Exception {
        return Jsoup.parse(this.mvc.perform(get(path).accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
    }

    private static DiscoveredFunction function(String account, String name) {
        return TriggerRuleScopeTests.function(account, name);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(NOW);
        }
    }
}
