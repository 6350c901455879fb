package dev.lambdalens.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * A breach must last the rule's pending period before it fires, and a recovery its keep-firing period before it
 * resolves, judged minute by minute against a flapping series collected through the real collector path.
 */
@SpringBootTest(properties = { "lambdalens.collector.function-interval=1m", "lambdalens.collector.initial-backfill=1h" })
class PendingAndKeepFiringTests {

    static final Instant START = Instant.parse("2026-11-28T12:00:30Z");

    /** The first minute of the pattern, 12:10. */
    static final Instant T = START.plus(Duration.ofMinutes(10)).minusSeconds(30);

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

    @Test
    void shouldFireOnlyAfterThePendingPeriodAndResolveOnlyAfterTheKeepFiringPeriod() {
        // minute by minute from 12:10: - B B - B B B - B - - - - -  (B: throttled)
        burst(1, 3);
        burst(4, 7);
        burst(8, 9);
        long rule = this.catalog.create(new RuleDefinition("Throttles of queue-consumer", Signal.METRIC,
                LambdaMetric.THROTTLES, Statistic.SUM, RuleScope.FUNCTION, "queue-consumer", null, "us-east-1",
                new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, 0, Duration.ofMinutes(1), 1, 1,
                        MissingData.NOT_BREACHING, Duration.ofMinutes(2), Duration.ofMinutes(3)),
                Severity.WARNING, null, null, true, List.of()));
        Map<Integer, String> byMinute = new LinkedHashMap<>();
        for (int i = 0; i < 28; i++) {
            CycleRunner.runCycle(this.context);
            this.evaluation.evaluateAll();
            // the newest period judged ends 3 minutes (the settle delay) before now
            Instant judged = this.clock.instant().minus(Duration.ofMinutes(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            int minute = (int) Duration.between(T, judged).toMinutes() - 1;
            if (minute >= 0 && minute < 14) {
                Alert alert = this.alerts.findByRuleId(rule).get(0);
                byMinute.put(minute, alert.state() + ((alert.breachSince() != null) ? " pending" : ""));
            }
            this.clock.advance(Duration.ofMinutes(1));
        }
        List<String> states = new ArrayList<>(byMinute.values());
        // a breach of 2 minutes (12:11, 12:12) stays pending; one lasting 3 fires; a 1-minute recovery keeps firing
        assertThat(states).containsExactly("OK", "OK pending", "OK pending", "OK", "OK pending", "OK pending", "ALARM",
                "ALARM", "ALARM", "ALARM", "ALARM", "ALARM", "OK", "OK");
    }

    private void burst(int fromMinute, int toMinute) {
        this.source.throttle("queue-consumer", T.plus(Duration.ofMinutes(fromMinute)),
                T.plus(Duration.ofMinutes(toMinute)), 4);
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
