package dev.lambdalens.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.lambdalens.LambdaLensApplication;
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

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Primary;

/**
 * One evaluation pass of 10,000 (rule, function) pairs over an hour of 1-minute data, on the embedded H2: prints
 * the first pass (which creates the alerts), passes with nothing new, and passes that each judge one new minute for
 * every pair, as when collection goes on: first with only that minute written, then with the collector's 15-minute
 * trailing window written again with it. Not a test: {@code ./mvnw -Pbench test-compile
 * exec:java -Dbench.main=dev.lambdalens.alerting.RuleEvaluationBenchmark}.
 */
public final class RuleEvaluationBenchmark {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:30Z");

    private RuleEvaluationBenchmark() {
    }

    public static void main(String[] args) {
        int functions = Integer.getInteger("bench.functions", 10_000);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LambdaLensApplication.class,
                FixedClock.class)
            .web(WebApplicationType.NONE)
            .run("--spring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "--lambdalens.collector.enabled=false",
                    "--lambdalens.alerting.enabled=false", "--logging.level.root=WARN")) {
            List<DiscoveredFunction> discovered = new ArrayList<>();
            Map<SeriesKey, List<Point>> samples = new HashMap<>();
            long start = NOW.minus(Duration.ofMinutes(70)).getEpochSecond() / 60 * 60;
            for (int f = 0; f < functions; f++) {
                String name = "function-" + f;
                discovered.add(new DiscoveredFunction("123456789012", "us-east-1", name,
                        "arn:aws:lambda:us-east-1:123456789012:function:" + name, "java21", Architecture.ARM64, 512, 30,
                        null, 1000, Map.of()));
                List<Point> points = new ArrayList<>();
                for (int m = 0; m < 70; m++) {
                    points.add(new Point(start + m * 60L, (f % 10 == 0 && m > 60) ? 500 : 20));
                }
                samples.put(SeriesKey.ofFunction("123456789012", "us-east-1", name, LambdaMetric.INVOCATIONS,
                        Statistic.SUM), points);
            }
            context.getBean(Inventory.class).reconcile("123456789012", "us-east-1", discovered,
                    new AccountLimits("123456789012", "us-east-1", 1000, 1000, NOW), NOW);
            context.getBean(SampleStore.class).upsert(samples);
            AlertRuleRepository rules = context.getBean(AlertRuleRepository.class);
            rules.deleteAll();
            rules.save(new AlertRule(new RuleDefinition("Invocations spike", Signal.METRIC, LambdaMetric.INVOCATIONS,
                    Statistic.SUM, RuleScope.ALL, null, null, null,
                    new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, 100, Duration.ofMinutes(1), 58, 3,
                            MissingData.MISSING),
                    Severity.WARNING, null, null, true, List.of()), NOW));
            RuleEvaluation evaluation = context.getBean(RuleEvaluation.class);
            MutableClock clock = context.getBean(MutableClock.class);
            SampleStore store = context.getBean(SampleStore.class);
            for (int pass = 1; pass <= 3; pass++) {
                time(evaluation, "pass " + pass + " (no new period after the first)", functions);
            }
            // as collection goes on: each minute, one new minute of data for every function, then one pass that
            // judges it for every pair (one in ten alarming, the others not); then as the collector writes, the new
            // minute with its 15-minute trailing window fetched again (unchanged values, re-read all the same)
            for (int minute = 0; minute < 10; minute++) {
                boolean trailing = minute >= 5;
                long at = start + (70 + minute) * 60L;
                Map<SeriesKey, List<Point>> next = new HashMap<>();
                for (int f = 0; f < functions; f++) {
                    List<Point> points = new ArrayList<>();
                    for (long m = trailing ? at - 15 * 60L : at; m <= at; m += 60) {
                        long index = (m - start) / 60;
                        points.add(new Point(m, (f % 10 == 0 && index > 60) ? 500 : 20));
                    }
                    next.put(SeriesKey.ofFunction("123456789012", "us-east-1", "function-" + f,
                            LambdaMetric.INVOCATIONS, Statistic.SUM), points);
                }
                store.upsert(next);
                clock.advance(Duration.ofMinutes(1));
                time(evaluation, "new minute " + (minute + 1) + (trailing ? " with its trailing window" : "")
                        + " (one new period per pair)", functions);
            }
        }
    }

    private static void time(RuleEvaluation evaluation, String label, int functions) {
        long began = System.nanoTime();
        int changes = evaluation.evaluateAll();
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %,d (rule, function) pairs in %.3f s, %,d state changes%n", label,
                functions, seconds, changes);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        MutableClock benchClock() {
            return new MutableClock(NOW);
        }
    }
}
