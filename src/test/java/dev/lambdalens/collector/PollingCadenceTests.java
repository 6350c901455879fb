package dev.lambdalens.collector;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.lambdalens.collector.source.aws.AwsStubAccess;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
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
 * Cost-aware polling against the AWS stub: account-level series every cycle, active functions at the function
 * interval, idle functions rarely, and no minute lost as a function changes group.
 */
@SpringBootTest(properties = { "lambdalens.source=aws", "lambdalens.aws.regions=us-east-1",
        "lambdalens.aws.access-key-id=AKIATESTHOME", "lambdalens.aws.secret-access-key=secret",
        "lambdalens.collector.initial-backfill=1h", "lambdalens.collector.interval=1m",
        "lambdalens.collector.function-interval=5m", "lambdalens.collector.idle-function-interval=15m",
        "lambdalens.collector.idle-after=30m", "lambdalens.collector.discovery-interval=1h" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class PollingCadenceTests {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:10Z");

    static final String HOME = "111111111111";

    static final AwsStubAccess stub = AwsStubAccess.start();

    @Autowired
    CollectionTrigger trigger;

    @Autowired
    MutableClock clock;

    @Autowired
    CollectorStatus status;

    @Autowired
    SeriesQueries queries;

    @Autowired
    Inventory inventory;

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("lambdalens.aws.endpoint", stub::endpoint);
    }

    @Test
    void shouldPollEachGroupAtItsOwnCadenceAndLoseNoMinuteWhenAFunctionChangesGroup() {
        stub.reset();
        stub.addFunction(HOME, "us-east-1", "busy");
        stub.addFunction(HOME, "us-east-1", "quiet");
        long first = NOW.minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
        long last = NOW.plus(Duration.ofHours(2)).getEpochSecond();
        for (long t = first; t < last; t += 60) {
            stub.put(HOME, "us-east-1", "", "ConcurrentExecutions", "Maximum", t, 7);
            stub.put(HOME, "us-east-1", "busy", "Invocations", "Sum", t, 100);
            stub.put(HOME, "us-east-1", "busy", "Duration", "p99", t, 250);
        }
        // "quiet" is invoked once an hour after going idle: it must still be stored, minute for minute
        long lateInvocation = NOW.plus(Duration.ofMinutes(50)).truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
        stub.put(HOME, "us-east-1", "quiet", "Invocations", "Sum", lateInvocation, 3);

        List<Integer> busyAt = new ArrayList<>();
        List<Integer> quietAt = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            int before = stub.functionsPerCall().size();
            this.trigger.runCycle();
            List<Set<String>> calls = stub.functionsPerCall().subList(before, stub.functionsPerCall().size());
            assertThat(calls).as("minute " + minute).anySatisfy((c) -> assertThat(c).contains(""));
            if (calls.stream().anyMatch((c) -> c.contains("busy"))) {
                busyAt.add(minute);
            }
            if (calls.stream().anyMatch((c) -> c.contains("quiet"))) {
                quietAt.add(minute);
            }
            this.clock.advance(Duration.ofMinutes(1));
        }
        assertThat(busyAt).containsExactly(0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55);
        // new functions count as active until known for the idle period (30 minutes); then "quiet" is polled with
        // the idle group, whose 15-minute cadence runs from the first cycle
        assertThat(quietAt).containsExactly(0, 5, 10, 15, 20, 25, 30, 45);
        assertThat(this.status.regions().get(0).idleFunctionSeries()).isEqualTo(8);
        assertThat(this.status.regions().get(0).activeFunctionSeries()).isEqualTo(8);

        this.clock.advance(Duration.ofMinutes(15));
        this.trigger.runCycle();
        SeriesKey quiet = SeriesKey.ofFunction(HOME, "us-east-1", "quiet", LambdaMetric.INVOCATIONS, Statistic.SUM);
        assertThat(this.queries.read(quiet, NOW.minus(Duration.ofHours(2)), this.clock.instant(), 60).points())
            .containsExactly(new Point(lateInvocation, 3));
        SeriesKey busy = SeriesKey.ofFunction(HOME, "us-east-1", "busy", LambdaMetric.INVOCATIONS, Statistic.SUM);
        Instant end = this.clock.instant().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
        assertThat(this.queries.read(busy, NOW.minus(Duration.ofHours(1)), end, 60).points())
            .hasSize((int) Duration.between(NOW.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES), end)
                .toMinutes());
    }

    @Test
    void shouldEstimateTheMonitorsOwnCloudWatchBill() {
        stub.reset();
        stub.addFunction(HOME, "us-east-1", "a");
        stub.addFunction(HOME, "us-east-1", "b");
        this.trigger.runCycle();
        RegionStatus region = this.status.regions().get(0);
        assertThat(region.accountSeries()).isEqualTo(6);
        assertThat(region.activeFunctionSeries()).isEqualTo(16);
        // 30 days: 6 series x 43,200 one-minute polls + 16 series x 8,640 five-minute polls = 397,440 metrics
        assertThat(region.estimatedMonthlyMetrics()).isEqualTo(397_440L);
        assertThat(region.estimatedMonthlyCostUsd()).isEqualTo(3.97);
        assertThat(this.status.estimatedMonthlyCostUsd(this.status.regions())).isEqualTo(3.97);
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
