package dev.lambdalens.collector;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.lambdalens.alerting.AlertBoard;
import dev.lambdalens.alerting.RuleEvaluation;
import dev.lambdalens.collector.source.aws.AwsStubAccess;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector against the AWS stub when the control plane misbehaves (a function's GetFunction refused,
 * ListFunctions throttled beyond the retries): metrics keep being stored with the last known inventory. And a
 * function that starts throttling between two of its group's polls has its data stored within two minutes of the
 * end of its first throttling minute, because the account-level throttles moved, with the extra call counted.
 */
@SpringBootTest(properties = { "lambdalens.source=aws", "lambdalens.aws.regions=us-east-1",
        "lambdalens.aws.access-key-id=AKIATESTHOME", "lambdalens.aws.secret-access-key=secret",
        "lambdalens.collector.enabled=false", "lambdalens.collector.initial-backfill=2h",
        "lambdalens.alerting.enabled=false", "lambdalens.notification.enabled=false" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class CollectorFaultsTests {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:20Z");

    static final String HOME = "111111111111";

    static final String REGION = "us-east-1";

    static final AwsStubAccess stub = AwsStubAccess.start();

    @Autowired
    CollectionTrigger trigger;

    @Autowired
    MutableClock clock;

    @Autowired
    SeriesQueries queries;

    @Autowired
    Inventory inventory;

    @Autowired
    CollectorStatus status;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    AlertBoard board;

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("lambdalens.aws.endpoint", stub::endpoint);
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Test
    void shouldKeepStoringMetricsWhenGetFunctionIsRefusedAndListFunctionsIsThrottled() {
        stub.reset();
        load("fn-0", "fn-1", "fn-2");
        stub.refuseGetFunction("fn-1");
        this.trigger.runCycle();

        assertThat(this.inventory.activeFunctions(HOME, REGION)).extracting(FunctionSummary::name)
            .containsExactly("fn-0", "fn-1", "fn-2");
        assertThat(stored("fn-1", LambdaMetric.INVOCATIONS, NOW.minus(Duration.ofHours(1)))).isPositive();
        assertThat(discovery().detail()).contains("fn-1", "AccessDeniedException");
        assertThat(discovery().failing()).isFalse();

        // ListFunctions throttled beyond the SDK's retries: discovery fails, collection goes on
        stub.throttleListFunctions(1000);
        this.clock.advance(Duration.ofMinutes(16));
        this.trigger.runCycle();
        assertThat(discovery().failing()).isTrue();
        assertThat(discovery().lastError()).contains("TooManyRequests");
        assertThat(this.status.regions()).extracting(RegionStatus::health).containsOnly(RegionStatus.Health.OK);
        assertThat(this.status.regions().get(0).watermark()).isEqualTo(this.clock.instant().truncatedTo(ChronoUnit.MINUTES));
        assertThat(stored("fn-1", LambdaMetric.INVOCATIONS, NOW.plus(Duration.ofMinutes(5)))).isPositive();

        // healed: the next discovery lists again and asks GetFunction only for the function it could not read
        stub.throttleListFunctions(0);
        stub.resetCounters();
        int before = stub.getFunctionCalls();
        this.clock.advance(Duration.ofMinutes(2));
        this.trigger.runCycle();
        assertThat(discovery().failing()).isFalse();
        assertThat(stub.getFunctionCalls() - before).as("GetFunction calls").isEqualTo(1);
    }

    @Test
    void shouldRaiseTheBuiltInAlertWhenDiscoveryHasFailedFor30MinutesAndResolveItWhenItRecovers() {
        stub.reset();
        load("fn-0", "fn-1");
        this.trigger.runCycle();
        this.evaluation.evaluateAll();
        stub.throttleListFunctions(1000);
        this.clock.advance(Duration.ofMinutes(16)); // the first failed discovery
        this.trigger.runCycle();
        assertThat(discovery().failingSince()).isEqualTo(this.clock.instant());
        this.clock.advance(Duration.ofMinutes(16));
        this.trigger.runCycle();
        this.evaluation.evaluateAll();
        assertThat(this.board.firing()).as("failing for 16 minutes: not yet")
            .noneMatch((a) -> a.ruleName().startsWith("Discovery failing"));
        this.clock.advance(Duration.ofMinutes(16));
        this.trigger.runCycle();
        this.evaluation.evaluateAll();
        assertThat(this.board.firing()).anySatisfy((a) -> {
            assertThat(a.ruleName()).isEqualTo("Discovery failing for 30 minutes");
            assertThat(a.account()).isEqualTo(HOME);
            assertThat(a.region()).isEqualTo(REGION);
        });
        assertThat(this.status.regions()).extracting(RegionStatus::health).containsOnly(RegionStatus.Health.OK);

        stub.throttleListFunctions(0);
        this.clock.advance(Duration.ofMinutes(16));
        this.trigger.runCycle();
        this.evaluation.evaluateAll();
        assertThat(discovery().failingSince()).isNull();
        assertThat(this.board.firing()).noneMatch((a) -> a.ruleName().startsWith("Discovery failing"));
    }

    @Test
    void shouldStoreAFunctionThatStartsThrottlingWithinTwoMinutesOfItsFirstThrottlingMinute() {
        stub.reset();
        load("calm", "throttled", "other");
        Instant firstThrottle = NOW.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2)); // 12:02
        for (Instant t = firstThrottle; t.isBefore(NOW.plus(Duration.ofHours(1))); t = t.plusSeconds(60)) {
            stub.put(HOME, REGION, "throttled", "Throttles", "Sum", t.getEpochSecond(), 5);
            stub.put(HOME, REGION, "", "Throttles", "Sum", t.getEpochSecond(), 5);
        }
        this.trigger.runCycle(); // 12:00:20: discovery, account level and functions up to 12:00
        SeriesKey throttles = SeriesKey.ofFunction(HOME, REGION, "throttled", LambdaMetric.THROTTLES, Statistic.SUM);

        this.clock.advance(Duration.ofMinutes(1)); // 12:01:20
        this.trigger.runCycle();
        this.clock.advance(Duration.ofMinutes(1)); // 12:02:20: minute 12:02 is not over yet
        stub.resetCounters();
        this.trigger.runCycle();
        assertThat(stub.getMetricDataCalls()).as("the account level only").isEqualTo(1);

        this.clock.advance(Duration.ofMinutes(1)); // 12:03:20: the account level shows 12:02's throttles
        stub.resetCounters();
        this.trigger.runCycle();
        Instant firstMinuteEnd = firstThrottle.plusSeconds(60);
        assertThat(Duration.between(firstMinuteEnd, this.clock.instant())).isLessThan(Duration.ofMinutes(2));
        assertThat(this.queries.read(throttles, firstThrottle, firstMinuteEnd, 60).points())
            .containsExactly(new Point(firstThrottle.getEpochSecond(), 5));
        assertThat(stub.getMetricDataCalls()).as("account level, then the functions' throttles").isEqualTo(2);
        RegionStatus region = this.status.regions().get(0);
        assertThat(region.signalFetches()).isEqualTo(1);
        assertThat(region.signalMetrics()).as("Throttles and Invocations of 3 functions").isEqualTo(6);

        // throttling goes on at the same level: no news, no extra call until the group's own poll
        this.clock.advance(Duration.ofMinutes(1)); // 12:04:20
        stub.resetCounters();
        this.trigger.runCycle();
        assertThat(stub.getMetricDataCalls()).isEqualTo(1);
        this.clock.advance(Duration.ofMinutes(1)); // 12:05:20: the function group's poll
        stub.resetCounters();
        this.trigger.runCycle();
        assertThat(stub.getMetricDataCalls()).isEqualTo(2);
        assertThat(this.status.regions().get(0).signalFetches()).isEqualTo(1);
        assertThat(this.queries.read(throttles, firstThrottle, NOW.plus(Duration.ofMinutes(5)), 60).points())
            .hasSize(3);
    }

    private UnitStatus discovery() {
        return this.status.units().stream().filter((u) -> u.kind().equals("DISCOVERY")).findFirst().orElseThrow();
    }

    private long stored(String function, LambdaMetric metric, Instant from) {
        SeriesKey key = SeriesKey.ofFunction(HOME, REGION, function, metric, Statistic.SUM);
        return this.queries.read(key, from, this.clock.instant(), 60).points().size();
    }

    /** The functions, invoked 10 times a minute, no errors or throttles, for two hours before and one after now. */
    private static void load(String... functions) {
        stub.limit(HOME, REGION, 1000);
        long from = NOW.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2)).getEpochSecond();
        long to = NOW.plus(Duration.ofHours(1)).getEpochSecond();
        for (String function : functions) {
            stub.addFunction(HOME, REGION, function);
        }
        for (long t = from; t < to; t += 60) {
            for (String function : functions) {
                stub.put(HOME, REGION, function, "Invocations", "Sum", t, 10);
                stub.put(HOME, REGION, function, "Errors", "Sum", t, 0);
                stub.put(HOME, REGION, function, "Throttles", "Sum", t, 0);
            }
            stub.put(HOME, REGION, "", "Invocations", "Sum", t, 10.0 * functions.length);
            stub.put(HOME, REGION, "", "Errors", "Sum", t, 0);
            stub.put(HOME, REGION, "", "Throttles", "Sum", t, 0);
        }
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
