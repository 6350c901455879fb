package dev.lambdalens.alerting;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.AsyncInvocation;
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
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shipped rules on trigger metrics (V71) watch only the functions whose triggers make the metric exist, as the
 * collector fetches it: a function without asynchronous invocation gets no "Async events dropped" alert, even with
 * samples of it stored; and an alert whose function stops being invoked asynchronously leaves ALARM with the reason.
 * The derived trigger signals (spillover rate, async age and stream lag as shares) are computed for the functions that
 * have them only, the spillover rate per alias or version with provisioned concurrency.
 */
@SpringBootTest(properties = { "lambdalens.collector.enabled=false", "lambdalens.alerting.enabled=false",
        "lambdalens.notification.enabled=false" })
@DirtiesContext
class TriggerRuleScopeTests {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:20Z");

    static final String ACCOUNT = "111111111111";

    static final String REGION = "us-east-1";

    static final InvocationSetup ASYNC = new InvocationSetup(new AsyncInvocation(3600, 1, null, null), null,
            Set.of("s3.amazonaws.com"), List.of(), List.of(), List.of());

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
    SignalReader reader;

    @Test
    void shouldWatchOnlyFunctionsInvokedAsynchronouslyAndResolveOneThatStopsBeing() {
        discover(ASYNC);
        Map<SeriesKey, List<Point>> dropped = new java.util.HashMap<>();
        long first = NOW.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30)).getEpochSecond();
        for (String function : List.of("thumbs", "plain")) {
            List<Point> points = new ArrayList<>();
            for (long t = first; t < NOW.getEpochSecond() - 60; t += 60) {
                points.add(new Point(t, 2));
            }
            dropped.put(SeriesKey.ofFunction(ACCOUNT, REGION, function, LambdaMetric.ASYNC_EVENTS_DROPPED,
                    Statistic.SUM), points);
        }
        this.samples.upsert(dropped);
        long rule = this.rules.findAllByOrderByIdAsc()
            .stream()
            .filter((r) -> r.definition().name().equals("Async events dropped"))
            .findFirst()
            .orElseThrow()
            .id();

        this.evaluation.evaluateAll();
        List<Alert> alerts = mine(rule);
        assertThat(alerts).extracting((a) -> a.target().function()).containsExactly("thumbs");
        assertThat(alerts).extracting(Alert::state).containsExactly(AlarmState.ALARM);

        // thumbs is no longer invoked asynchronously: the metric cannot exist for it any more
        discover(InvocationSetup.NONE);
        this.evaluation.evaluateAll();
        Alert resolved = mine(rule).get(0);
        assertThat(resolved.state()).isNotEqualTo(AlarmState.ALARM);
        assertThat(resolved.lastReason()).contains("no longer watches " + ACCOUNT + "/" + REGION + "/thumbs")
            .contains("thumbs no longer has asynchronous invocation, so AsyncEventsDropped cannot exist for it");
    }

    @Test
    void shouldDeriveSpilloverRateAsyncAgeAndStreamLagAsSharesForTheFunctionsThatHaveThem() {
        String other = "222222222222";
        InvocationSetup provisioned = new InvocationSetup(null, null, Set.of(), List.of(), List.of(),
                List.of(new ProvisionedConcurrency("live", 5, 5, "READY", null),
                        new ProvisionedConcurrency("7", 2, 2, "READY", null)));
        InvocationSetup queued = new InvocationSetup(new AsyncInvocation(600, 0, null, null), null, Set.of(),
                List.of(), List.of(), List.of());
        EventSourceMapping stream = new EventSourceMapping("uuid-k", "stream", null,
                "arn:aws:kinesis:us-east-1:" + other + ":stream/s", EventSourceKind.KINESIS, "Enabled", 100, 0,
                List.of(), null, Set.of(), 3600, null);
        this.inventory.reconcile(other, REGION, List.of(function(other, "warm").withSetup(provisioned),
                function(other, "queued").withSetup(queued), function(other, "stream").withSetup(InvocationSetup.NONE),
                function(other, "plain").withSetup(InvocationSetup.NONE)), List.of(stream),
                AccountLimits.unknown(other, REGION, NOW), NOW);
        long t0 = NOW.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10)).getEpochSecond();
        Map<SeriesKey, List<Point>> stored = new java.util.HashMap<>();
        // spillover per qualifier: live 4 of (36 + 4) = 10%, then none of 50, then no data; 7 1 of (9 + 1) = 10%
        stored.put(SeriesKey.ofQualified(other, REGION, "warm", "live",
                LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, Statistic.SUM),
                List.of(new Point(t0, 4), new Point(t0 + 60, 0)));
        stored.put(SeriesKey.ofQualified(other, REGION, "warm", "7",
                LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, Statistic.SUM), List.of(new Point(t0, 1)));
        stored.put(SeriesKey.ofQualified(other, REGION, "warm", "live",
                LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS, Statistic.SUM),
                List.of(new Point(t0, 36), new Point(t0 + 60, 50)));
        stored.put(SeriesKey.ofQualified(other, REGION, "warm", "7", LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS,
                Statistic.SUM), List.of(new Point(t0, 9)));
        // 5 minutes old of a maximum age of 10; 15 minutes behind a stream keeping records for an hour
        stored.put(SeriesKey.ofFunction(other, REGION, "queued", LambdaMetric.ASYNC_EVENT_AGE, Statistic.MAXIMUM),
                List.of(new Point(t0, 300_000)));
        stored.put(SeriesKey.ofFunction(other, REGION, "stream", LambdaMetric.ITERATOR_AGE, Statistic.MAXIMUM),
                List.of(new Point(t0, 900_000)));
        for (String function : List.of("plain", "warm")) {
            stored.put(SeriesKey.ofFunction(other, REGION, function, LambdaMetric.ASYNC_EVENT_AGE, Statistic.MAXIMUM),
                    List.of(new Point(t0, 300_000)));
            stored.put(SeriesKey.ofFunction(other, REGION, function, LambdaMetric.ITERATOR_AGE, Statistic.MAXIMUM),
                    List.of(new Point(t0, 900_000)));
        }
        this.samples.upsert(stored);

        assertThat(derived(Signal.SPILLOVER_RATE, other, t0)).containsOnlyKeys("warm:live", "warm:7")
            .containsEntry("warm:live", java.util.Arrays.asList(10.0, 0.0, null))
            .containsEntry("warm:7", java.util.Arrays.asList(10.0, null, null));
        Map<String, List<@Nullable Double>> age = derived(Signal.ASYNC_AGE_SHARE, other, t0);
        assertThat(age).containsOnlyKeys("queued");
        assertThat(age.get("queued").get(0)).isCloseTo(50.0, within(1e-9));
        assertThat(age.get("queued").subList(1, 3)).containsOnlyNulls();
        Map<String, List<@Nullable Double>> lag = derived(Signal.STREAM_LAG_SHARE, other, t0);
        assertThat(lag).containsOnlyKeys("stream");
        assertThat(lag.get("stream").get(0)).isCloseTo(25.0, within(1e-9));
    }

    private Map<String, List<@Nullable Double>> derived(Signal signal, String account, long start) {
        RuleDefinition rule = new RuleDefinition("derived", signal, null, null, RuleScope.ALL, null, account, REGION,
                new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, 1, Duration.ofMinutes(1), 1, 1,
                        MissingData.MISSING), Severity.WARNING, null, null, true, List.of());
        Map<String, List<@Nullable Double>> byFunction = new java.util.TreeMap<>();
        this.reader.read(rule, this.inventory.functions(), Instant.ofEpochSecond(start), 3)
            .forEach((target, values) -> byFunction.put(target.function(), values));
        return byFunction;
    }

    /** The rule's alerts in this test's account (the other test's functions are in another). */
    private List<Alert> mine(long rule) {
        return this.states.alerts(rule)
            .values()
            .stream()
            .filter((a) -> a.target().account().equals(ACCOUNT))
            .toList();
    }

    private void discover(InvocationSetup thumbs) {
        this.inventory.reconcile(ACCOUNT, REGION, List.of(function("thumbs").withSetup(thumbs),
                function("plain").withSetup(InvocationSetup.NONE)), AccountLimits.unknown(ACCOUNT, REGION, NOW), NOW);
    }

    static DiscoveredFunction function(String name) {
        return function(ACCOUNT, name);
    }

    static DiscoveredFunction function(String account, String name) {
        return new DiscoveredFunction(account, REGION, name, "arn:aws:lambda:" + REGION + ":" + account + ":function:"
                + name, "python3.12", Architecture.ARM64, 512, 30, null, 1_000, Map.of());
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
