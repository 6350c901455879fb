package dev.lambdalens.collector.source.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.lambdalens.metrics.SeriesKey;

/**
 * Opens {@link AwsStub} to tests outside this package: one stub for a test class, reset between tests.
 */
public final class AwsStubAccess implements AutoCloseable {

    private final AwsStub stub;

    private AwsStubAccess(AwsStub stub) {
        this.stub = stub;
    }

    public static AwsStubAccess start() {
        try {
            return new AwsStubAccess(new AwsStub());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        this.stub.close();
    }

    public String endpoint() {
        return this.stub.endpoint().toString();
    }

    public void reset() {
        this.stub.functions.clear();
        this.stub.datapoints.clear();
        this.stub.concurrencyLimits.clear();
        this.stub.throttleGetMetricData = 0;
        this.stub.getMetricDataCalls.set(0);
        this.stub.metricsRequested.set(0);
        this.stub.queriesPerCall.clear();
        this.stub.functionsPerCall.clear();
    }

    /** Per GetMetricData call since the last reset: the functions it asked about ("" for the account level). */
    public java.util.List<java.util.Set<String>> functionsPerCall() {
        return java.util.List.copyOf(this.stub.functionsPerCall);
    }

    /** Clears the call counters only, keeping functions and datapoints. */
    public void resetCounters() {
        this.stub.getMetricDataCalls.set(0);
        this.stub.metricsRequested.set(0);
        this.stub.queriesPerCall.clear();
        this.stub.functionsPerCall.clear();
    }

    public void addFunction(String account, String region, String name) {
        this.stub.addFunction(account, region,
                new AwsStub.StubFunction(name, "java21", "arm64", 512, 30, null, 1000, Map.of("team", "t")));
    }

    public void limit(String account, String region, int limit) {
        this.stub.concurrencyLimits.put(account + "/" + region, limit);
    }

    public void put(String account, String region, String function, String metric, String stat, long epochSecond,
            double value) {
        this.stub.put(account, region, function, metric, stat, epochSecond, value);
    }

    public void throttleGetMetricData(int times) {
        this.stub.throttleGetMetricData = times;
    }

    public int getMetricDataCalls() {
        return this.stub.getMetricDataCalls.get();
    }

    public int metricsRequested() {
        return this.stub.metricsRequested.get();
    }

    public java.util.List<Integer> queriesPerCall() {
        return java.util.List.copyOf(this.stub.queriesPerCall);
    }

    /** The stub's datapoints of a series over [from, to). */
    public SortedMap<Long, Double> datapoints(SeriesKey key, Instant from, Instant to) {
        String function = (key.functionName() != null) ? key.functionName() : "";
        return this.stub.datapoints
            .getOrDefault(AwsStub.seriesKey(key.account(), key.region(), function, key.metric().metricName(),
                    key.statistic().wireName()), new TreeMap<>())
            .subMap(from.getEpochSecond(), to.getEpochSecond());
    }
}
