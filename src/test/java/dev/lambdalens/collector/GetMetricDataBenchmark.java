package dev.lambdalens.collector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lambdalens.collector.source.SourceLimits;
import dev.lambdalens.collector.source.SourceRegion;
import dev.lambdalens.collector.source.aws.AwsMetricSource;
import dev.lambdalens.collector.source.aws.AwsProperties;
import dev.lambdalens.collector.source.aws.AwsStubAccess;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * One steady-state metric cycle for 5,000 functions x 6 series against the in-process AWS stub, through the real
 * SDK and the collector's batching: prints GetMetricData calls (expected ceil(series / 500)), metrics requested,
 * wall time and samples/s. Not a test: {@code ./mvnw -Pbench test-compile exec:java
 * -Dbench.main=dev.lambdalens.collector.GetMetricDataBenchmark}.
 */
public final class GetMetricDataBenchmark {

    private static final String ACCOUNT = "111111111111";

    private static final String REGION = "us-east-1";

    private GetMetricDataBenchmark() {
    }

    public static void main(String[] args) {
        int functions = Integer.getInteger("bench.functions", 5_000);
        Instant now = Instant.parse("2026-11-28T12:00:20Z");
        Instant end = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        // a 5-minute function poll re-reading a 15-minute trailing window: 20 minutes a series
        Instant start = end.minus(Duration.ofMinutes(20));
        AwsStubAccess stub = AwsStubAccess.start();
        List<SeriesKey> series = new ArrayList<>();
        for (int f = 0; f < functions; f++) {
            String name = "function-" + f;
            for (Object[] metric : new Object[][] { { LambdaMetric.INVOCATIONS, Statistic.SUM },
                    { LambdaMetric.ERRORS, Statistic.SUM }, { LambdaMetric.THROTTLES, Statistic.SUM },
                    { LambdaMetric.CONCURRENT_EXECUTIONS, Statistic.MAXIMUM },
                    { LambdaMetric.DURATION, Statistic.AVERAGE }, { LambdaMetric.DURATION, Statistic.P99 } }) {
                SeriesKey key = SeriesKey.ofFunction(ACCOUNT, REGION, name, (LambdaMetric) metric[0],
                        (Statistic) metric[1]);
                series.add(key);
                for (long t = start.getEpochSecond(); t < end.getEpochSecond(); t += 60) {
                    stub.put(ACCOUNT, REGION, name, key.metric().metricName(), key.statistic().wireName(), t, f + t % 7);
                }
            }
        }
        AwsProperties properties = new AwsProperties(List.of(REGION), List.of(), true, java.net.URI.create(stub.endpoint()),
                "AKIATESTHOME", "secret", AwsProperties.RetryMode.STANDARD, 50, 100, Duration.ofSeconds(20));
        try (stub; AwsMetricSource source = new AwsMetricSource(properties, new SimpleMeterRegistry(),
                Clock.fixed(now, ZoneOffset.UTC))) {
            SourceRegion region = new SourceRegion(ACCOUNT, REGION);
            source.regions();
            for (int run = 1; run <= 3; run++) {
                stub.resetCounters();
                long samples = 0;
                long started = System.nanoTime();
                for (List<SeriesKey> batch : FetchBatches.partition(series, 20, SourceLimits.GET_METRIC_DATA)) {
                    Map<SeriesKey, List<Point>> answer = source.fetch(region, batch, start, end);
                    samples += answer.values().stream().mapToLong(List::size).sum();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT,
                        "run %d: %,d functions x 6 = %,d series, 20 minutes each: %d GetMetricData calls "
                                + "(ceil(series/500) = %d), %,d metrics requested, %,d samples in %.2f s = %,.0f samples/s%n",
                        run, functions, series.size(), stub.getMetricDataCalls(), (series.size() + 499) / 500,
                        stub.metricsRequested(), samples, seconds, samples / seconds);
            }
        }
    }
}
