package dev.lambdalens.collector;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

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
 * The collector on {@code lambdalens.source=aws}, against the in-process AWS stub: what is stored equals the stub's
 * datapoints minute by minute for every statistic, across two accounts and two regions, through downtime and late
 * data.
 */
@SpringBootTest(properties = { "lambdalens.source=aws", "lambdalens.aws.regions=us-east-1,eu-west-1",
        "lambdalens.aws.accounts[0].role-arn=arn:aws:iam::222222222222:role/LambdaLensReadOnly",
        "lambdalens.aws.access-key-id=AKIATESTHOME", "lambdalens.aws.secret-access-key=secret",
        "lambdalens.collector.initial-backfill=3h", "lambdalens.collector.function-interval=1m" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class AwsCollectionTests {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:20Z");

    static final String HOME = "111111111111";

    static final String OTHER = "222222222222";

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

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("lambdalens.aws.endpoint", stub::endpoint);
    }

    @AfterAll
    static void stopStub() {
        stub.reset();
    }

    @Test
    void shouldStoreExactlyWhatCloudWatchHoldsInEveryAccountAndRegion() {
        stub.reset();
        load(HOME, "us-east-1", 3, NOW.minus(Duration.ofDays(1)), NOW, 1);
        load(HOME, "eu-west-1", 2, NOW.minus(Duration.ofDays(1)), NOW, 2);
        load(OTHER, "us-east-1", 2, NOW.minus(Duration.ofDays(1)), NOW, 3);
        stub.limit(HOME, "us-east-1", 1000);
        assertThat(this.trigger.runCycle()).isEqualTo(4);
        assertThat(this.status.regions()).extracting(RegionStatus::health).containsOnly(RegionStatus.Health.OK);
        assertThat(this.inventory.functions()).hasSize(7);
        assertStoredEqualsStub(NOW.minus(Duration.ofHours(3)), NOW);
        assertThat(this.inventory.limits(HOME, "us-east-1").orElseThrow().concurrencyLimit()).isEqualTo(1000);
        assertThat(this.inventory.limits(OTHER, "us-east-1").orElseThrow().concurrencyLimit()).isNull();
    }

    @Test
    void shouldBackfillATwoHourGapWithNoMissingMinute() {
        stub.reset();
        load(HOME, "us-east-1", 2, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofHours(3)), 4);
        this.trigger.runCycle();
        this.clock.advance(Duration.ofHours(2)); // LambdaLens was down: no cycle for two hours
        this.trigger.runCycle();
        assertStoredEqualsStub(NOW.minus(Duration.ofHours(3)), this.clock.instant());
    }

    @Test
    void shouldReplaceASettledValueWhenALateDatapointChangesIt() {
        stub.reset();
        load(HOME, "us-east-1", 1, NOW.minus(Duration.ofDays(1)), NOW, 5);
        this.trigger.runCycle();
        long minute = NOW.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(6)).getEpochSecond();
        stub.put(HOME, "us-east-1", "fn-0", "Invocations", "Sum", minute, 4242);
        this.clock.advance(Duration.ofMinutes(1));
        this.trigger.runCycle();
        SeriesKey invocations = SeriesKey.ofFunction(HOME, "us-east-1", "fn-0", LambdaMetric.INVOCATIONS,
                Statistic.SUM);
        assertThat(this.queries.read(invocations, Instant.ofEpochSecond(minute), Instant.ofEpochSecond(minute + 60), 60)
            .points()).containsExactly(new Point(minute, 4242));
        assertStoredEqualsStub(NOW.minus(Duration.ofHours(3)), this.clock.instant());
    }

    @Test
    void shouldReportAFailingRegionAndCatchUpWhenItRecovers() {
        stub.reset();
        load(HOME, "us-east-1", 1, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofHours(1)), 6);
        load(HOME, "eu-west-1", 1, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofHours(1)), 7);
        this.trigger.runCycle();
        stub.throttleGetMetricData(12); // three attempts in each of the four regions
        this.clock.advance(Duration.ofMinutes(10));
        this.trigger.runCycle();
        assertThat(this.status.regions()).extracting(RegionStatus::health).contains(RegionStatus.Health.FAILING);
        assertThat(this.status.regions()).filteredOn((r) -> r.health() == RegionStatus.Health.FAILING)
            .allSatisfy((r) -> assertThat(r.lastError()).contains("Rate exceeded"));
        stub.throttleGetMetricData(0);
        this.clock.advance(Duration.ofMinutes(1));
        this.trigger.runCycle();
        assertThat(this.status.regions()).filteredOn((r) -> r.account().equals(HOME))
            .extracting(RegionStatus::health)
            .containsOnly(RegionStatus.Health.OK);
        assertStoredEqualsStub(NOW.minus(Duration.ofHours(3)), this.clock.instant());
    }

    /** Functions fn-0.. with every per-function series (some minutes absent), and every account-level series. */
    private void load(String account, String region, int functions, Instant from, Instant to, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long first = from.truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
        for (int f = 0; f < functions; f++) {
            String name = "fn-" + f;
            stub.addFunction(account, region, name);
            for (LambdaMetric metric : LambdaMetric.values()) {
                for (Statistic statistic : metric.scope().perFunction() ? metric.statistics() : List.<Statistic>of()) {
                    for (long t = first; t < to.getEpochSecond(); t += 60) {
                        if (random.nextInt(8) > 0) {
                            stub.put(account, region, name, metric.metricName(), statistic.wireName(), t,
                                    Math.round(random.nextDouble() * 100_000) / 100.0);
                        }
                    }
                }
            }
        }
        for (SeriesKey key : SeriesPlan.forRegion(account, region, List.of())) {
            for (long t = first; t < to.getEpochSecond(); t += 60) {
                stub.put(account, region, "", key.metric().metricName(), key.statistic().wireName(), t,
                        random.nextInt(1000));
            }
        }
    }

    private void assertStoredEqualsStub(Instant from, Instant to) {
        Instant start = from.truncatedTo(ChronoUnit.MINUTES);
        Instant end = to.truncatedTo(ChronoUnit.MINUTES);
        int compared = 0;
        for (RegionStatus region : this.status.regions()) {
            List<FunctionSummary> functions = this.inventory.activeFunctions(region.account(), region.region());
            for (SeriesKey key : SeriesPlan.forRegion(region.account(), region.region(), functions)) {
                List<Point> expected = new ArrayList<>();
                stub.datapoints(key, start, end).forEach((t, v) -> expected.add(new Point(t, v)));
                assertThat(this.queries.read(key, start, end, 60).points()).as(key.toString())
                    .containsExactlyElementsOf(expected);
                compared += expected.size();
            }
        }
        assertThat(compared).isPositive();
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
