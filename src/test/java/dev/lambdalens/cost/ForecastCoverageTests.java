package dev.lambdalens.cost;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * A new installation has collected half of yesterday: the forecast must take that half day for half a day, not for a
 * whole one. Free tier off; one 1 GB x86 function, 1 invocation of 60 s every minute (60 GB-s).
 */
@SpringBootTest(properties = { "lambdalens.cost.free-tier.requests=0", "lambdalens.cost.free-tier.gb-seconds=0" })
@DirtiesContext
class ForecastCoverageTests {

    static final String ACCOUNT = "123456789012";

    static final Instant NOW = Instant.parse("2026-11-21T06:00:00Z");

    @Autowired
    CostLedger ledger;

    @Autowired
    Inventory inventory;

    @Autowired
    SampleStore samples;

    @Test
    void aDayCollectedInPartCountsForItsPart() {
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(new DiscoveredFunction(ACCOUNT, "us-east-1", "api", "arn",
                "java21", Architecture.X86_64, 1024, 30, null, 1_000, Map.of())),
                AccountLimits.unknown(ACCOUNT, "us-east-1", NOW), NOW);
        List<Point> invocations = new ArrayList<>();
        List<Point> duration = new ArrayList<>();
        for (long t = Instant.parse("2026-11-20T12:00:00Z").getEpochSecond(); t < NOW.getEpochSecond(); t += 60) {
            invocations.add(new Point(t, 1));
            duration.add(new Point(t, 60_000));
        }
        this.samples.upsert(Map.of(
                SeriesKey.ofFunction(ACCOUNT, "us-east-1", "api", LambdaMetric.INVOCATIONS, Statistic.SUM), invocations,
                SeriesKey.ofFunction(ACCOUNT, "us-east-1", "api", LambdaMetric.DURATION, Statistic.SUM), duration,
                SeriesKey.ofAccount(ACCOUNT, "us-east-1", LambdaMetric.INVOCATIONS, Statistic.SUM), invocations));
        // 20 Nov: 720 minutes collected, half a day: 43,200 GB-s and 720 requests stand for 86,400 and 1,440 a day.
        // actual: 1,080 minutes (43,200 + 21,600 GB-s); projected: 3/4 of today and 9 more days at 86,400 GB-s
        // GB-s: 64,800 + 64,800 + 777,600 = 907,200 x $0.0000166667 = $15.12003024
        // requests: 1,080 + 1,080 + 12,960 = 15,120 x $0.20/M = $0.003024
        CostLedger.Forecast forecast = this.ledger.forecast(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1));
        assertThat(forecast.total()).isCloseTo(15.12003024 + 0.003024, within(1e-6));
        assertThat(forecast.method()).contains("(0.5 day(s) of collected data)");
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
