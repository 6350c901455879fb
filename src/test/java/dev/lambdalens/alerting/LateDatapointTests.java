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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluation keeps what it read between passes ({@link StoredColumns}) but never judges on a value that has
 * changed since: a late datapoint of a minute already judged, re-fetched by the collector's trailing window, counts
 * in the next periods judged, exactly as CloudWatch would count it.
 */
@SpringBootTest(properties = { "lambdalens.collector.function-interval=1m", "lambdalens.collector.initial-backfill=1h" })
class LateDatapointTests {

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

    @Test
    void shouldJudgeALateDatapointOfAMinuteAlreadyJudged() {
        // 2 of 3 one-minute periods with throttles: one throttled minute alone never fires
        long rule = this.catalog.create(new RuleDefinition("Throttles of queue-consumer", Signal.METRIC,
                LambdaMetric.THROTTLES, Statistic.SUM, RuleScope.FUNCTION, "queue-consumer", null, "us-east-1",
                new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, 0, Duration.ofMinutes(1), 3, 2,
                        MissingData.NOT_BREACHING),
                Severity.WARNING, null, null, true, List.of()));
        while (this.clock.instant().isBefore(Instant.parse("2026-11-28T12:20:30Z"))) {
            CycleRunner.runCycle(this.context);
            this.evaluation.evaluateAll();
            this.clock.advance(Duration.ofMinutes(1));
        }
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll(); // 12:20:30: the minute 12:16 is judged, without throttles
        Alert alert = this.alerts.findByRuleId(rule).get(0);
        assertThat(alert.state()).isEqualTo(AlarmState.OK);

        // CloudWatch then reports throttles in 12:16 (late) and 12:17; the next cycle's trailing window re-fetches both
        this.source.throttle("queue-consumer", Instant.parse("2026-11-28T12:16:00Z"),
                Instant.parse("2026-11-28T12:18:00Z"), 4);
        this.clock.advance(Duration.ofMinutes(1));
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();

        alert = this.alerts.findByRuleId(rule).get(0);
        assertThat(alert.state()).as("12:15-12:18 hold two throttled minutes, one of them late").isEqualTo(AlarmState.ALARM);
        AlertTransition fired = this.transitions.findByAlertIdOrderByAtDesc(alert.id()).get(0);
        assertThat(fired.at()).isEqualTo(Instant.parse("2026-11-28T12:18:00Z"));
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
