package dev.lambdalens.alerting;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.lambdalens.collector.CollectorStatus;
import dev.lambdalens.collector.CycleRunner;
import dev.lambdalens.collector.source.aws.AwsStubAccess;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 item 9 end to end, through the real collector and the AWS stub: a function that starts throttling
 * between two of its group's polls (10 minutes apart here, longer than the settle delay) alerts within two minutes of the end of its first throttling minute,
 * because the account-level throttles moved and its Throttles were fetched at once; and a rule on a metric that
 * fetch did not bring (the function's Errors) judges nothing of those minutes, so its alarm is not resolved by data
 * that simply was not fetched.
 */
@SpringBootTest(properties = { "lambdalens.source=aws", "lambdalens.aws.regions=us-east-1",
        "lambdalens.aws.access-key-id=AKIATESTHOME", "lambdalens.aws.secret-access-key=secret",
        "lambdalens.collector.enabled=false", "lambdalens.collector.initial-backfill=2h",
        "lambdalens.collector.function-interval=10m",
        "lambdalens.alerting.enabled=false", "lambdalens.notification.enabled=false" })
@RecordApplicationEvents
class AccountSignalAlertTests {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:20Z");

    static final String HOME = "111111111111";

    static final String REGION = "us-east-1";

    static final AwsStubAccess stub = AwsStubAccess.start();

    @Autowired
    AlertSignals alertSignals;

    @Autowired
    AlertRuleRepository rules;

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    RuleCatalog catalog;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    AlertRepository alerts;

    @Autowired
    AlertTransitionRepository transitions;

    @Autowired
    ApplicationEvents events;

    @Autowired
    CollectorStatus status;

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("lambdalens.aws.endpoint", stub::endpoint);
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Test
    void shouldAlertWithinTwoMinutesOfTheFirstThrottlingMinuteWithoutJudgingWhatWasNotFetched() {
        stub.reset();
        stub.limit(HOME, REGION, 1000);
        List<String> functions = List.of("calm", "throttled", "other");
        functions.forEach((f) -> stub.addFunction(HOME, REGION, f));
        Instant firstThrottle = NOW.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2)); // 12:02
        long from = NOW.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2)).getEpochSecond();
        for (long t = from; t < NOW.plus(Duration.ofHours(1)).getEpochSecond(); t += 60) {
            // throttling starts at 12:02 and jumps at 12:06: two fetches on the signal before the group's next poll
            double throttles = (t >= firstThrottle.getEpochSecond() + 240) ? 50
                    : (t >= firstThrottle.getEpochSecond()) ? 5 : 0;
            for (String function : functions) {
                stub.put(HOME, REGION, function, "Invocations", "Sum", t, 10);
                // the "throttled" function fails once a minute all along: its Errors alarm is firing
                stub.put(HOME, REGION, function, "Errors", "Sum", t, function.equals("throttled") ? 1 : 0);
                stub.put(HOME, REGION, function, "Throttles", "Sum", t, function.equals("throttled") ? throttles : 0);
            }
            stub.put(HOME, REGION, "", "Invocations", "Sum", t, 30);
            stub.put(HOME, REGION, "", "Errors", "Sum", t, 1);
            stub.put(HOME, REGION, "", "Throttles", "Sum", t, throttles);
        }
        long throttlesRule = rule("Throttles of throttled", LambdaMetric.THROTTLES);
        long errorsRule = rule("Errors of throttled", LambdaMetric.ERRORS);

        cycle(); // 12:00:20: discovery, the account level and the functions up to 12:00
        Alert errors = alertOf(errorsRule);
        assertThat(errors.state()).isEqualTo(AlarmState.ALARM);
        assertThat(alertOf(throttlesRule).state()).isEqualTo(AlarmState.OK);
        int errorChanges = this.transitions.findByAlertIdOrderByAtDesc(errors.id()).size();

        this.clock.advance(Duration.ofMinutes(1)); // 12:01:20
        cycle();
        this.clock.advance(Duration.ofMinutes(1)); // 12:02:20: minute 12:02 is not over yet
        cycle();
        assertThat(alertOf(throttlesRule).state()).isEqualTo(AlarmState.OK);

        this.clock.advance(Duration.ofMinutes(1)); // 12:03:20: the account level shows 12:02's throttles
        stub.resetCounters();
        cycle();
        Instant firstMinuteEnd = firstThrottle.plusSeconds(60);
        assertThat(stub.getMetricDataCalls()).as("the account level, then the functions' Throttles and Invocations")
            .isEqualTo(2);
        Alert throttled = alertOf(throttlesRule);
        assertThat(throttled.state()).isEqualTo(AlarmState.ALARM);
        assertThat(throttled.stateSince()).as("at its own time").isEqualTo(firstMinuteEnd);
        assertThat(Duration.between(firstMinuteEnd, this.clock.instant())).isLessThan(Duration.ofMinutes(2));
        // the alert page shows the early judgement: the evaluation range ends with the minute it fired for
        AlertSignals.SignalView view = this.alertSignals.read(throttled,
                this.rules.findById(throttlesRule).orElseThrow(),
                this.transitions.findByAlertIdOrderByAtDesc(throttled.id()), 1);
        assertThat(view.judgedUntil()).isEqualTo(firstMinuteEnd);
        assertThat(view.evaluationRange().get(view.evaluationRange().size() - 1).breaching()).isTrue();
        assertThat(this.events.stream(AlertGroupChanged.class)
            .filter((g) -> g.ruleId() == throttlesRule && g.firing())).hasSize(1);

        // the Errors of 12:01-12:03 were not fetched: not judged, so not missing, so not resolved
        assertThat(alertOf(errorsRule).state()).isEqualTo(AlarmState.ALARM);
        assertThat(this.transitions.findByAlertIdOrderByAtDesc(errors.id())).hasSize(errorChanges);

        // on past the settle delay to the group's next poll and beyond: still one firing, nothing resolved, though
        // the second fetch on the signal (12:07:20) carries the Throttles past the unfetched minutes of the Errors
        for (int minute = 0; minute < 12; minute++) {
            this.clock.advance(Duration.ofMinutes(1));
            cycle();
        }
        assertThat(this.status.regions().get(0).signalFetches()).isEqualTo(2);
        assertThat(alertOf(throttlesRule).state()).isEqualTo(AlarmState.ALARM);
        assertThat(this.events.stream(AlertGroupChanged.class).filter((g) -> g.ruleId() == throttlesRule))
            .hasSize(1);
        assertThat(alertOf(errorsRule).state()).isEqualTo(AlarmState.ALARM);
        assertThat(this.events.stream(AlertGroupChanged.class)
            .filter((g) -> g.ruleId() == errorsRule && !g.firing())).isEmpty();
    }

    private void cycle() {
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
    }

    private long rule(String name, LambdaMetric metric) {
        return this.catalog.create(new RuleDefinition(name, Signal.METRIC, metric, Statistic.SUM, RuleScope.FUNCTION,
                "throttled", null, REGION,
                new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, 0, Duration.ofMinutes(1), 1, 1,
                        MissingData.NOT_BREACHING),
                Severity.WARNING, null, null, true, List.of()));
    }

    private Alert alertOf(long rule) {
        List<Alert> of = this.alerts.findByRuleId(rule);
        assertThat(of).hasSize(1);
        return of.get(0);
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
