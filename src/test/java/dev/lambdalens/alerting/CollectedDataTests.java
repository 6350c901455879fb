package dev.lambdalens.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.lambdalens.collector.CycleRunner;
import dev.lambdalens.collector.source.demo.DemoMetricSource;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
import dev.lambdalens.testing.ScriptedSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules judge what was collected, through the real collector (the demo account behind a scripted source): a
 * period not fetched yet is never missing data, and late data is judged in order when it lands. The fetch on the
 * account-level signal is off here, so that the idle group's own late fetch is what brings the burst
 * ({@code AccountSignalAlertTests} shows the fetch on the signal).
 */
@SpringBootTest(properties = { "lambdalens.collector.function-interval=1m", "lambdalens.collector.initial-backfill=1h",
        "lambdalens.collector.idle-after=10m", "lambdalens.collector.idle-function-interval=30m",
        "lambdalens.collector.fetch-functions-on-account-signal=false" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@RecordApplicationEvents
class CollectedDataTests {

    static final Instant START = Instant.parse("2026-11-28T12:00:30Z");

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    ScriptedSource source;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    RuleCatalog catalog;

    @Autowired
    AlertRepository alerts;

    @Autowired
    AlertTransitionRepository transitions;

    @Autowired
    ApplicationEvents events;

    @Autowired
    AlertBoard board;

    @Test
    void shouldKeepAnAlarmWhileItsRegionCannotBeCollectedAndJudgeTheBackfillWhenItRecovers() {
        this.source.throttle("pdf-renderer", START.minus(Duration.ofHours(2)), START.plus(Duration.ofHours(2)), 7);
        long rule = throttlesOf("pdf-renderer", "us-east-1", MissingData.NOT_BREACHING);
        minutes(8);
        Alert alert = alertOf(rule);
        assertThat(alert.state()).isEqualTo(AlarmState.ALARM);
        long changesBefore = this.transitions.findByAlertIdOrderByAtDesc(alert.id()).size();

        this.source.failRegion("us-east-1");
        minutes(10);
        assertThat(alertOf(rule).state()).as("not collected is not missing").isEqualTo(AlarmState.ALARM);
        assertThat(this.transitions.findByAlertIdOrderByAtDesc(alert.id())).hasSize((int) changesBefore);
        assertThat(resolvedGroups(rule)).isZero();
        assertThat(this.board.firing()).as("the built-in collector alert").anySatisfy((a) -> {
            assertThat(a.ruleName()).isEqualTo("Collection failing for 10 minutes");
            assertThat(a.region()).isEqualTo("us-east-1");
        });

        this.source.heal();
        minutes(6);
        assertThat(alertOf(rule).state()).isEqualTo(AlarmState.ALARM);
        assertThat(this.transitions.findByAlertIdOrderByAtDesc(alert.id())).hasSize((int) changesBefore);
        assertThat(resolvedGroups(rule)).isZero();
        assertThat(this.board.firing()).noneMatch((a) -> a.ruleName().startsWith("Collection failing"));
    }

    @Test
    void shouldFireOnceForAnIdleFunctionsThrottlingWhenItsGroupIsFetchedLate() {
        this.source.quietFunction("legacy-cron");
        Instant burst = START.plus(Duration.ofMinutes(35)).minusSeconds(30); // 12:35, 25 minutes before the fetch
        this.source.throttle("legacy-cron", burst, burst.plus(Duration.ofMinutes(1)), 12);
        long rule = throttlesOf("legacy-cron", "eu-west-1", MissingData.NOT_BREACHING);
        minutes(59); // the idle group was fetched at 12:30, next at 13:00
        assertThat(firedGroups(rule)).as("not fetched yet: not judged").isZero();
        minutes(3);
        List<AlertGroupChanged> fired = this.events.stream(AlertGroupChanged.class)
            .filter((g) -> g.ruleId() == rule && g.firing())
            .toList();
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).at()).as("at its own time").isEqualTo(burst.plus(Duration.ofMinutes(1)));
        List<AlertTransition> history = this.transitions.findByAlertIdOrderByAtDesc(alertOf(rule).id());
        assertThat(history).extracting(AlertTransition::toState).containsSubsequence(AlarmState.OK, AlarmState.ALARM);
        assertThat(history.stream().filter((t) -> t.toState() == AlarmState.ALARM)).hasSize(1);
    }

    private long throttlesOf(String function, String region, MissingData missing) {
        return this.catalog.create(new RuleDefinition("Throttles of " + function, Signal.METRIC, LambdaMetric.THROTTLES,
                Statistic.SUM, RuleScope.FUNCTION, function, null, region,
                new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, 0, Duration.ofMinutes(1), 1, 1, missing),
                Severity.WARNING, null, null, true, List.of()));
    }

    private void minutes(int count) {
        for (int i = 0; i < count; i++) {
            CycleRunner.runCycle(this.context);
            this.evaluation.evaluateAll();
            this.clock.advance(Duration.ofMinutes(1));
        }
    }

    private Alert alertOf(long rule) {
        List<Alert> of = this.alerts.findByRuleId(rule);
        assertThat(of).hasSize(1);
        return of.get(0);
    }

    private long resolvedGroups(long rule) {
        return this.events.stream(AlertGroupChanged.class).filter((g) -> g.ruleId() == rule && !g.firing()).count();
    }

    private long firedGroups(long rule) {
        return this.events.stream(AlertGroupChanged.class).filter((g) -> g.ruleId() == rule && g.firing()).count();
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
