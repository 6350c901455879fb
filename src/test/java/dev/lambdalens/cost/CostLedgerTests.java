package dev.lambdalens.cost;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lambdalens.collector.MetricsCollected;
import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SampleStore;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Cost from stored series: a function whose memory doubled on 10 November at noon, 100 invocations of 1 s every
 * minute from 1 to 21 November, billed at the memory of each minute.
 */
@SpringBootTest
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostLedgerTests {

    static final Instant NOW = Instant.parse("2026-11-21T00:00:00Z");

    static final Instant RESIZED = Instant.parse("2026-11-10T12:00:00Z");

    static final String ACCOUNT = "123456789012";

    @Autowired
    CostLedger ledger;

    @Autowired
    Inventory inventory;

    @Autowired
    SampleStore samples;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEventPublisher events;

    @BeforeAll
    void storeThreeWeeks() {
        this.clock.set(NOW);
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(function(1024, null)),
                AccountLimits.unknown(ACCOUNT, "us-east-1", NOW), Instant.parse("2026-11-01T00:00:00Z"));
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(function(2048, RESIZED)),
                AccountLimits.unknown(ACCOUNT, "us-east-1", NOW), NOW);
        List<Point> invocations = new ArrayList<>();
        List<Point> duration = new ArrayList<>();
        for (long t = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond(); t < NOW.getEpochSecond(); t += 60) {
            invocations.add(new Point(t, 100));
            duration.add(new Point(t, 100_000));
        }
        this.samples.upsert(Map.of(key(LambdaMetric.INVOCATIONS), invocations, key(LambdaMetric.DURATION), duration));
    }

    @Test
    void billsEachMinuteAtTheMemoryItRanWith() {
        // 1 Nov 00:00 to 10 Nov 12:00: 13,680 minutes x 100 s x 1 GB = 1,368,000 GB-s
        // 10 Nov 12:00 to 21 Nov 00:00: 15,120 minutes x 100 s x 2 GB = 3,024,000 GB-s
        // 4,392,000 GB-s, 400,000 free: 3,992,000 x $0.0000166667 = $66.5334664
        // 2,880,000 requests, 1,000,000 free: 1,880,000 x $0.20/M = $0.376
        CostLedger.Costs costs = this.ledger.actual(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1));
        assertThat(costs.lines().stream().mapToDouble(CostLine::computeCost).sum()).isCloseTo(66.5334664, within(1e-6));
        assertThat(costs.lines().stream().mapToDouble(CostLine::requestCost).sum()).isCloseTo(0.376, within(1e-9));
        assertThat(costs.total()).isCloseTo(66.9094664, within(1e-6));
        // the day of the change is split: 720 minutes at 1 GB and 720 at 2 GB = 216,000 GB-s
        assertThat(costs.lines().stream().filter((l) -> l.day().equals(LocalDate.of(2026, 11, 10)))
            .mapToDouble((l) -> l.usage().gbSeconds()).sum()).isCloseTo(216_000, within(1e-6));
    }

    @Test
    void aRangeInsideTheMonthStillCountsTheFreeTierUsedBeforeIt() {
        // by 20 November the free tier is long used up: one day at 2 GB is 288,000 GB-s x $0.0000166667 = $4.8000096
        // plus 144,000 requests x $0.20/M = $0.0288
        CostLedger.Costs day = this.ledger.actual(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21));
        assertThat(day.total()).isCloseTo(4.8000096 + 0.0288, within(1e-9));
    }

    @Test
    void forecastsTheMonthByRepeatingTheLastWeekAndPricingItWithTheFreeTier() {
        // the last 7 days at 2 GB, 144,000 requests and 288,000 GB-s a day, repeated for 21 to 30 November:
        // 4,320,000 requests, 3,320,000 billable: $0.664
        // 4,392,000 + 2,880,000 = 7,272,000 GB-s, 6,872,000 billable x $0.0000166667 = $114.5335624
        CostLedger.Forecast forecast = this.ledger.forecast(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1));
        assertThat(forecast.total()).isCloseTo(0.664 + 114.5335624, within(1e-6));
        assertThat(forecast.actual().total()).isCloseTo(66.9094664, within(1e-6));
        assertThat(forecast.method()).contains("from 2026-11-14 to 2026-11-20 (7.0 day(s) of collected data)");
    }

    @Test
    void aFigureIsKeptForAMinuteThenComputedAgainInTheBackground() {
        // October is billed on its own: a day there does not touch the November figures of the other tests
        LocalDate day = LocalDate.of(2026, 10, 15);
        long noon = Instant.parse("2026-10-15T12:00:00Z").getEpochSecond();
        this.samples.upsert(Map.of(key(LambdaMetric.INVOCATIONS), List.of(new Point(noon, 1_000_000))));
        double first = this.ledger.actual(day, day.plusDays(1)).total();
        assertThat(first).isZero(); // within the free tier
        this.samples.upsert(Map.of(key(LambdaMetric.INVOCATIONS), List.of(new Point(noon + 60, 5_000_000))));
        this.events.publishEvent(new MetricsCollected(ACCOUNT, "us-east-1", Instant.ofEpochSecond(noon),
                Instant.ofEpochSecond(noon + 120), 1));
        try {
            assertThat(this.ledger.actual(day, day.plusDays(1)).total()).as("still fresh").isZero();
            this.clock.advance(CostLedger.FRESH_FOR.plusSeconds(1));
            // the page is not kept waiting: it gets the last figure (or the next, should that be done already)
            assertThat(this.ledger.actual(day, day.plusDays(1)).total()).isIn(0.0, 1.0);
            // 6,000,000 requests, 1,000,000 free: 5,000,000 x $0.20/M = $1
            Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(this.ledger.actual(day, day.plusDays(1)).total())
                    .isCloseTo(1.0, within(1e-9)));
        }
        finally {
            this.clock.set(NOW);
        }
    }

    static DiscoveredFunction function(int memory, Instant lastModified) {
        return new DiscoveredFunction(ACCOUNT, "us-east-1", "resized", "arn:aws:lambda:us-east-1:" + ACCOUNT
                + ":function:resized", "java21", Architecture.X86_64, memory, 30, null, 1_000, Map.of(), 0, 0, null, 512,
                lastModified);
    }

    static SeriesKey key(LambdaMetric metric) {
        return SeriesKey.ofFunction(ACCOUNT, "us-east-1", "resized", metric, Statistic.SUM);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(NOW);
        }
    }
}
