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
        this.stub.windows.clear();
        this.stub.calls.clear();
        this.stub.stalls.clear();
        this.stub.refusedGetFunction.clear();
        this.stub.throttleListFunctions = 0;
        this.stub.delayEveryCallMillis = 0;
        this.stub.listFunctionsCalls.set(0);
        this.stub.getFunctionCalls.set(0);
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

    /** Adds {@code millis} to every call of every API. */
    public void delayEveryCall(long millis) {
        this.stub.delayEveryCallMillis = millis;
    }

    /** Holds the next {@code calls} GetMetricData calls of one account and region for {@code millis} each. */
    public void stall(String account, String region, int calls, long millis) {
        this.stub.stallMillis = millis;
        this.stub.stalls.put(account + "/" + region, new java.util.concurrent.atomic.AtomicInteger(calls));
    }

    /** Per GetMetricData call so far: "account/region start end queries page". */
    public java.util.List<String> windowsFetched() {
        return java.util.List.copyOf(this.stub.windows);
    }

    /** Per API call so far: "account/region path". */
    public java.util.List<String> calls() {
        return java.util.List.copyOf(this.stub.calls);
    }

    /** Refuses GetFunction for this function, as a resource policy or SCP would. */
    public void refuseGetFunction(String function) {
        this.stub.refusedGetFunction.add(function);
    }

    /** Throttles the next {@code times} ListFunctions calls. */
    public void throttleListFunctions(int times) {
        this.stub.throttleListFunctions = times;
    }

    public int listFunctionsCalls() {
        return this.stub.listFunctionsCalls.get();
    }

    public int getFunctionCalls() {
        return this.stub.getFunctionCalls.get();
    }

    /** Many functions at once, as the benchmark needs. */
    public void addFunctions(String account, String region, int count, String prefix) {
        for (int i = 0; i < count; i++) {
            addFunction(account, region, prefix + i);
        }
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
