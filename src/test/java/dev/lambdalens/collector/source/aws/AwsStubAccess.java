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
        this.stub.metricsAsked.clear();
        this.stub.mappings.clear();
        this.stub.invokeConfigs.clear();
        this.stub.policies.clear();
        this.stub.aliases.clear();
        this.stub.versions.clear();
        this.stub.provisioned.clear();
        this.stub.deadLetters.clear();
        this.stub.refusedOperations.clear();
    }

    /** Per query asked of GetMetricData since the last reset: "Metric/dimension value" ("IteratorAge/fn"). */
    public java.util.List<String> metricsAsked() {
        return java.util.List.copyOf(this.stub.metricsAsked);
    }

    /** A function with the given memory (a changed memory changes its revision, as in Lambda). */
    public void addFunction(String account, String region, String name, int memoryMb) {
        this.stub.functions.getOrDefault(account, Map.of()).getOrDefault(region, java.util.List.of())
            .removeIf((f) -> f.name().equals(name));
        this.stub.addFunction(account, region,
                new AwsStub.StubFunction(name, "java21", "arm64", memoryMb, 30, null, 1000, Map.of("team", "t")));
    }

    /** An event source mapping, as ListEventSourceMappings reports it. */
    public void addMapping(String account, String region, String function, String uuid, String sourceArn,
            String state, int batchSize, int windowSeconds, java.util.List<String> filters, String onFailure,
            boolean eventCountMetrics) {
        Map<String, Object> mapping = new java.util.LinkedHashMap<>();
        mapping.put("UUID", uuid);
        mapping.put("FunctionArn", "arn:aws:lambda:" + region + ":" + account + ":function:" + function);
        mapping.put("EventSourceArn", sourceArn);
        mapping.put("State", state);
        mapping.put("BatchSize", batchSize);
        mapping.put("MaximumBatchingWindowInSeconds", windowSeconds);
        mapping.put("LastModified", 1_764_000_000);
        if (!filters.isEmpty()) {
            mapping.put("FilterCriteria", Map.of("Filters", filters.stream().map((f) -> Map.of("Pattern", f)).toList()));
        }
        if (onFailure != null) {
            mapping.put("DestinationConfig", Map.of("OnFailure", Map.of("Destination", onFailure)));
        }
        if (eventCountMetrics) {
            mapping.put("MetricsConfig", Map.of("Metrics", java.util.List.of("EventCount")));
        }
        this.stub.mappings.computeIfAbsent(account + "/" + region,
                (k) -> java.util.Collections.synchronizedList(new java.util.ArrayList<>())).add(mapping);
    }

    /** An asynchronous invocation configuration (null destinations: none). */
    public void invokeConfig(String account, String region, String function, int maximumEventAgeSeconds,
            int maximumRetryAttempts, String onSuccess, String onFailure) {
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("FunctionArn", "arn:aws:lambda:" + region + ":" + account + ":function:" + function + ":$LATEST");
        config.put("MaximumEventAgeInSeconds", maximumEventAgeSeconds);
        config.put("MaximumRetryAttempts", maximumRetryAttempts);
        Map<String, Object> destinations = new java.util.LinkedHashMap<>();
        if (onSuccess != null) {
            destinations.put("OnSuccess", Map.of("Destination", onSuccess));
        }
        if (onFailure != null) {
            destinations.put("OnFailure", Map.of("Destination", onFailure));
        }
        config.put("DestinationConfig", destinations);
        config.put("LastModified", 1_764_000_000);
        this.stub.invokeConfigs.put(account + "/" + region + "/" + function, config);
    }

    /** A resource policy letting these service principals invoke the function. */
    public void allowInvoke(String account, String region, String function, String... services) {
        StringBuilder statements = new StringBuilder();
        for (String service : services) {
            statements.append((statements.length() > 0) ? "," : "").append("{\"Sid\":\"s").append(service.hashCode())
                .append("\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"").append(service)
                .append("\"},\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"arn:aws:lambda:").append(region)
                .append(':').append(account).append(":function:").append(function).append("\"}");
        }
        this.stub.policies.put(account + "/" + region + "/" + function,
                "{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[" + statements + "]}");
    }

    public void deadLetter(String account, String region, String function, String targetArn) {
        this.stub.deadLetters.put(account + "/" + region + "/" + function, targetArn);
    }

    /** An alias, with the other version's weight when rolling out (null: none). */
    public void alias(String account, String region, String function, String name, String version,
            String otherVersion, double otherWeight) {
        Map<String, Object> alias = new java.util.LinkedHashMap<>();
        alias.put("AliasArn", "arn:aws:lambda:" + region + ":" + account + ":function:" + function + ":" + name);
        alias.put("Name", name);
        alias.put("FunctionVersion", version);
        if (otherVersion != null) {
            alias.put("RoutingConfig", Map.of("AdditionalVersionWeights", Map.of(otherVersion, otherWeight)));
        }
        alias.put("RevisionId", "a1");
        this.stub.aliases.computeIfAbsent(account + "/" + region + "/" + function,
                (k) -> java.util.Collections.synchronizedList(new java.util.ArrayList<>())).add(alias);
    }

    /** Removes every alias of the function, as deleting them (or before one is defined again) would. */
    public void clearAliases(String account, String region, String function) {
        this.stub.aliases.remove(account + "/" + region + "/" + function);
    }

    /** A published version; {@code lastModified} as Lambda writes it ({@code 2026-11-02T09:15:00.000+0000}). */
    public void version(String account, String region, String function, String version, int memoryMb,
            String codeSha256, String lastModified) {
        Map<String, Object> configuration = new java.util.LinkedHashMap<>();
        configuration.put("FunctionName", function);
        configuration.put("FunctionArn", "arn:aws:lambda:" + region + ":" + account + ":function:" + function + ":"
                + version);
        configuration.put("Version", version);
        configuration.put("MemorySize", memoryMb);
        configuration.put("CodeSha256", codeSha256);
        configuration.put("LastModified", lastModified);
        this.stub.versions.computeIfAbsent(account + "/" + region + "/" + function,
                (k) -> java.util.Collections.synchronizedList(new java.util.ArrayList<>())).add(configuration);
    }

    /** Provisioned concurrency on an alias or version. */
    public void provisioned(String account, String region, String function, String qualifier, int requested,
            int allocated, String status) {
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("FunctionArn", "arn:aws:lambda:" + region + ":" + account + ":function:" + function + ":"
                + qualifier);
        config.put("RequestedProvisionedConcurrentExecutions", requested);
        config.put("AvailableProvisionedConcurrentExecutions", allocated);
        config.put("AllocatedProvisionedConcurrentExecutions", allocated);
        config.put("Status", status);
        config.put("LastModified", "2026-11-20T10:00:00+0000");
        this.stub.provisioned.computeIfAbsent(account + "/" + region + "/" + function,
                (k) -> java.util.Collections.synchronizedList(new java.util.ArrayList<>())).add(config);
    }

    /** Refuses one Lambda operation ("policy", "aliases", "event-source-mappings", ...) with AccessDeniedException. */
    public void refuse(String operation) {
        this.stub.refusedOperations.add(operation);
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
        this.stub.metricsAsked.clear();
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
        // a mapping's series are CloudWatch's by its UUID alone
        String function = (key.functionName() == null) ? ""
                : (key.metric().availability() == dev.lambdalens.metrics.MetricAvailability.MAPPING_EVENT_COUNT)
                        ? key.qualifier() : key.functionName();
        return this.stub.datapoints
            .getOrDefault(AwsStub.seriesKey(key.account(), key.region(), function, key.metric().cloudWatchName(),
                    key.statistic().wireName()), new TreeMap<>())
            .subMap(from.getEpochSecond(), to.getEpochSecond());
    }
}
