package dev.lambdalens.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.FunctionSummary;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's scheduled log writer, run as its schedule runs it: the demo account's active functions' lines of the
 * minutes since its last run go through the real parser into the store (reports, per-minute figures, error groups),
 * two hours at its first run, nothing twice, and nothing of other accounts.
 */
@SpringBootTest
class DemoLogsTests {

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    static final String REGION = "us-east-1";

    @Autowired
    Inventory inventory;

    @Autowired
    LogIngest ingest;

    @Autowired
    SeriesQueries queries;

    @Autowired
    ErrorGroups errorGroups;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void shouldWriteTheDemoAccountsLogLinesOfEachMinuteOnceThroughTheParser() {
        this.inventory.reconcile(DemoLogs.DEMO_ACCOUNT, REGION, List.of(function(DemoLogs.DEMO_ACCOUNT,
                "pdf-renderer", "java17", 1536, 30), function(DemoLogs.DEMO_ACCOUNT, "orders-api", "nodejs20.x", 512,
                        29)), new AccountLimits(DemoLogs.DEMO_ACCOUNT, REGION, 1000, 900, NOW), NOW);
        this.inventory.reconcile(LogsFixtures.ACCOUNT, REGION, List.of(function(LogsFixtures.ACCOUNT, "not-demo",
                "nodejs20.x", 512, 29)), new AccountLimits(LogsFixtures.ACCOUNT, REGION, 1000, 900, NOW), NOW);
        DemoLogs demo = new DemoLogs(this.inventory, this.ingest, this.clock);
        long now = NOW.getEpochSecond();
        long from = now - DemoLogs.FIRST_BACKFILL.toSeconds();

        demo.run();
        for (String name : List.of("pdf-renderer", "orders-api")) {
            FunctionSummary f = summary(name);
            assertThat(storedReports(name)).as(name).isEqualTo(reports(f, from, now)).isPositive();
            // a report is of the minute its event is in (a timed-out invocation's may be of the next)
            Map<Long, Long> perMinute = new java.util.HashMap<>();
            for (long m = from; m < now; m += 60) {
                DemoLogLines.of(f, m)
                    .stream()
                    .filter((e) -> LogLineParser.parse(e.message()).filter(LogLine.Report.class::isInstance)
                        .isPresent())
                    .forEach((e) -> perMinute.merge(e.minute(), 1L, Long::sum));
            }
            for (long m = from; m < now; m += 60) {
                long expected = perMinute.getOrDefault(m, 0L);
                List<Point> points = points(name, LambdaMetric.REPORTED_INVOCATIONS, Statistic.SUM, m);
                if (expected == 0) {
                    assertThat(points).as("%s at %d", name, m).isEmpty();
                }
                else {
                    assertThat(points).as("%s at %d", name, m).containsExactly(new Point(m, expected));
                }
            }
        }
        assertThat(storedReports("not-demo")).isZero();
        // the renderer times out: its REPORT lines and its timeout lines both say so
        assertThat(this.errorGroups.groups(DemoLogs.DEMO_ACCOUNT, REGION, "pdf-renderer", 10))
            .extracting(ErrorGroup::type)
            .contains(LogLine.Error.TIMEOUT);
        double timeouts = this.queries.read(SeriesKey.ofFunction(DemoLogs.DEMO_ACCOUNT, REGION, "pdf-renderer",
                LambdaMetric.TIMEOUTS, Statistic.SUM), Instant.ofEpochSecond(from), NOW, 60)
            .points()
            .stream()
            .mapToDouble(Point::value)
            .sum();
        assertThat(timeouts).isPositive();

        // a minute later: that minute alone; at once again: nothing
        long before = storedReports("orders-api") + storedReports("pdf-renderer");
        this.clock.advance(Duration.ofMinutes(1));
        demo.run();
        long added = reports(summary("orders-api"), now, now + 60) + reports(summary("pdf-renderer"), now, now + 60);
        assertThat(storedReports("orders-api") + storedReports("pdf-renderer")).isEqualTo(before + added);
        demo.run();
        assertThat(storedReports("orders-api") + storedReports("pdf-renderer")).isEqualTo(before + added);
    }

    private FunctionSummary summary(String name) {
        return this.inventory.activeFunctions(DemoLogs.DEMO_ACCOUNT, REGION)
            .stream()
            .filter((f) -> f.name().equals(name))
            .findFirst()
            .orElseThrow();
    }

    private long storedReports(String function) {
        return this.jdbc.sql("select count(*) from log_report where function_name = ?")
            .param(function)
            .query(Long.class)
            .single();
    }

    /** The REPORT lines the demo writes for [from, to), read by the parser. */
    private static long reports(FunctionSummary f, long from, long to) {
        long n = 0;
        for (long m = from; m < to; m += 60) {
            n += DemoLogLines.of(f, m)
                .stream()
                .filter((e) -> LogLineParser.parse(e.message()).filter(LogLine.Report.class::isInstance).isPresent())
                .count();
        }
        return n;
    }

    private List<Point> points(String function, LambdaMetric metric, Statistic statistic, long minute) {
        return this.queries.read(SeriesKey.ofFunction(DemoLogs.DEMO_ACCOUNT, REGION, function, metric, statistic),
                Instant.ofEpochSecond(minute), Instant.ofEpochSecond(minute + 60), 60).points();
    }

    private static DiscoveredFunction function(String account, String name, String runtime, int memory, int timeout) {
        return new DiscoveredFunction(account, REGION, name, "arn:aws:lambda:" + REGION + ":" + account
                + ":function:" + name, runtime, Architecture.X86_64, memory, timeout, null, 5_000_000, Map.of(), 0, 0,
                null, 512, null, false);
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
