package dev.lambdalens.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code AWS/Lambda} metrics LambdaLens collects, each with the statistics that are meaningful for it
 * (AWS-FACTS.md): counts as Sum, concurrency as Maximum, duration as Average, Maximum, p99 and Sum (for cost).
 */
public enum LambdaMetric {

    INVOCATIONS("Invocations", MetricUnit.COUNT, MetricScope.BOTH, Statistic.SUM),
    ERRORS("Errors", MetricUnit.COUNT, MetricScope.BOTH, Statistic.SUM),
    THROTTLES("Throttles", MetricUnit.COUNT, MetricScope.BOTH, Statistic.SUM),
    DURATION("Duration", MetricUnit.MILLISECONDS, MetricScope.FUNCTION, Statistic.AVERAGE, Statistic.MAXIMUM,
            Statistic.P99, Statistic.SUM),
    CONCURRENT_EXECUTIONS("ConcurrentExecutions", MetricUnit.COUNT, MetricScope.BOTH, Statistic.MAXIMUM),
    UNRESERVED_CONCURRENT_EXECUTIONS("UnreservedConcurrentExecutions", MetricUnit.COUNT, MetricScope.ACCOUNT,
            Statistic.MAXIMUM),
    CLAIMED_ACCOUNT_CONCURRENCY("ClaimedAccountConcurrency", MetricUnit.COUNT, MetricScope.ACCOUNT,
            Statistic.MAXIMUM),
    /** Lambda Insights: the largest share of the configured memory an invocation used. */
    MEMORY_UTILIZATION("memory_utilization", MetricUnit.PERCENT, MetricScope.FUNCTION, Statistic.MAXIMUM),
    /** Lambda Insights: the most memory an invocation used, in MB. */
    USED_MEMORY_MAX("used_memory_max", MetricUnit.MEGABYTES, MetricScope.FUNCTION, Statistic.MAXIMUM),
    /** Stream mappings (Kinesis, DynamoDB Streams): the age of the last record read, how far behind the consumer is. */
    ITERATOR_AGE("IteratorAge", MetricUnit.MILLISECONDS, MetricAvailability.STREAM_MAPPING, Statistic.MAXIMUM),
    /** Kafka mappings: records not yet read. */
    OFFSET_LAG("OffsetLag", MetricUnit.COUNT, MetricAvailability.KAFKA_MAPPING, Statistic.MAXIMUM),
    /** Asynchronous invocation: events queued for the function. */
    ASYNC_EVENTS_RECEIVED("AsyncEventsReceived", MetricUnit.COUNT, MetricAvailability.ASYNC_INVOCATION,
            Statistic.SUM),
    /** Asynchronous invocation: the time from queueing to invocation, compared with the maximum event age. */
    ASYNC_EVENT_AGE("AsyncEventAge", MetricUnit.MILLISECONDS, MetricAvailability.ASYNC_INVOCATION,
            Statistic.MAXIMUM),
    /** Asynchronous invocation: events dropped without being processed (too old, retries spent). */
    ASYNC_EVENTS_DROPPED("AsyncEventsDropped", MetricUnit.COUNT, MetricAvailability.ASYNC_INVOCATION,
            Statistic.SUM),
    /** Events that could not be sent to the dead-letter queue. */
    DEAD_LETTER_ERRORS("DeadLetterErrors", MetricUnit.COUNT, MetricAvailability.DEAD_LETTER_QUEUE, Statistic.SUM),
    /** Events that could not be sent to a destination. */
    DESTINATION_DELIVERY_FAILURES("DestinationDeliveryFailures", MetricUnit.COUNT, MetricAvailability.DESTINATION,
            Statistic.SUM),
    /** Invocations Lambda stopped because they were part of a recursive loop. */
    RECURSIVE_INVOCATIONS_DROPPED("RecursiveInvocationsDropped", MetricUnit.COUNT, MetricAvailability.RECURSION,
            Statistic.SUM),
    /** Per alias or version: environments of provisioned concurrency in use. */
    PROVISIONED_CONCURRENT_EXECUTIONS("ProvisionedConcurrentExecutions", MetricUnit.COUNT,
            MetricAvailability.PROVISIONED_CONCURRENCY, Statistic.MAXIMUM),
    /** Per alias or version: provisioned concurrency in use as a share (0 to 1) of what is allocated. */
    PROVISIONED_CONCURRENCY_UTILIZATION("ProvisionedConcurrencyUtilization", MetricUnit.COUNT,
            MetricAvailability.PROVISIONED_CONCURRENCY, Statistic.MAXIMUM),
    /** Per alias or version: invocations served by provisioned concurrency. */
    PROVISIONED_CONCURRENCY_INVOCATIONS("ProvisionedConcurrencyInvocations", MetricUnit.COUNT,
            MetricAvailability.PROVISIONED_CONCURRENCY, Statistic.SUM),
    /** Per alias or version: invocations beyond the provisioned concurrency (on demand, with cold starts). */
    PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS("ProvisionedConcurrencySpilloverInvocations", MetricUnit.COUNT,
            MetricAvailability.PROVISIONED_CONCURRENCY, Statistic.SUM),
    /** Per mapping: events read from the source. */
    POLLED_EVENT_COUNT("PolledEventCount", MetricUnit.COUNT, MetricAvailability.MAPPING_EVENT_COUNT, Statistic.SUM),
    /** Per mapping: events that invoked the function. */
    INVOKED_EVENT_COUNT("InvokedEventCount", MetricUnit.COUNT, MetricAvailability.MAPPING_EVENT_COUNT,
            Statistic.SUM),
    /** Per mapping: events the filters left out. */
    FILTERED_OUT_EVENT_COUNT("FilteredOutEventCount", MetricUnit.COUNT, MetricAvailability.MAPPING_EVENT_COUNT,
            Statistic.SUM),
    /** Per mapping: events whose invocation failed. */
    FAILED_INVOKE_EVENT_COUNT("FailedInvokeEventCount", MetricUnit.COUNT, MetricAvailability.MAPPING_EVENT_COUNT,
            Statistic.SUM),
    /** Per mapping: events dropped (expired or retries spent) without being processed. */
    DROPPED_EVENT_COUNT("DroppedEventCount", MetricUnit.COUNT, MetricAvailability.MAPPING_EVENT_COUNT,
            Statistic.SUM),
    /** Per mapping (SQS): messages deleted from the queue after processing. */
    DELETED_EVENT_COUNT("DeletedEventCount", MetricUnit.COUNT, MetricAvailability.MAPPING_EVENT_COUNT,
            Statistic.SUM),
    /** Per version behind a weighted alias: the invocations that version ran ({@code Invocations} by version). */
    VERSION_INVOCATIONS("VersionInvocations", "Invocations", MetricUnit.COUNT, Statistic.SUM),
    /** Per version behind a weighted alias: the invocations of that version that failed. */
    VERSION_ERRORS("VersionErrors", "Errors", MetricUnit.COUNT, Statistic.SUM),
    /**
     * Per version behind a weighted alias: how long that version's invocations ran; its Sum over
     * {@link #VERSION_INVOCATIONS} is the exact average.
     */
    VERSION_DURATION("VersionDuration", "Duration", MetricUnit.MILLISECONDS, Statistic.P99, Statistic.SUM),
    /** From the logs: invocations whose REPORT line was read. */
    REPORTED_INVOCATIONS("ReportedInvocations", MetricUnit.COUNT, MetricScope.FUNCTION, Statistic.SUM),
    /** From the logs: invocations that ran an INIT phase (a report with an init duration). */
    COLD_STARTS("ColdStarts", MetricUnit.COUNT, MetricScope.FUNCTION, Statistic.SUM),
    /** From the logs: INIT phase durations of cold starts. */
    INIT_DURATION("InitDuration", MetricUnit.MILLISECONDS, MetricScope.FUNCTION, Statistic.SUM, Statistic.MAXIMUM,
            Statistic.P99),
    /** From the logs: SnapStart snapshot restore durations. */
    RESTORE_DURATION("RestoreDuration", MetricUnit.MILLISECONDS, MetricScope.FUNCTION, Statistic.SUM,
            Statistic.MAXIMUM),
    /** From the logs: the most memory an invocation used, in MB. */
    MAX_MEMORY_USED("MaxMemoryUsed", MetricUnit.MEGABYTES, MetricScope.FUNCTION, Statistic.MAXIMUM),
    /** From the logs: the most memory an invocation used as a share of its memory size. */
    MEMORY_USED_SHARE("MemoryUsedShare", MetricUnit.PERCENT, MetricScope.FUNCTION, Statistic.MAXIMUM),
    /** From the logs: billed duration as the REPORT line states it (rounded up, INIT included where billed). */
    BILLED_DURATION("BilledDuration", MetricUnit.MILLISECONDS, MetricScope.FUNCTION, Statistic.SUM),
    /** From the logs: billed duration times memory size, in GB-seconds, per invocation's own memory size. */
    BILLED_GB_SECONDS("BilledGbSeconds", MetricUnit.COUNT, MetricScope.FUNCTION, Statistic.SUM),
    /** From the logs: invocations that ran out of time. */
    TIMEOUTS("Timeouts", MetricUnit.COUNT, MetricScope.FUNCTION, Statistic.SUM),
    /** From the logs: invocations killed for running out of memory. */
    OUT_OF_MEMORY_KILLS("OutOfMemoryKills", MetricUnit.COUNT, MetricScope.FUNCTION, Statistic.SUM),
    /** From the logs: error lines the function or its runtime wrote. */
    LOGGED_ERRORS("LoggedErrors", MetricUnit.COUNT, MetricScope.FUNCTION, Statistic.SUM),
    /** From the logs: error groups first seen in the period (a rule on it: "a new error group appears"). */
    NEW_ERROR_GROUPS("NewErrorGroups", MetricUnit.COUNT, MetricScope.FUNCTION, Statistic.SUM),
    /**
     * From the logs: the occurrences of the function's busiest error group in a minute (a rule on it: "an error
     * group's rate rises").
     */
    ERROR_GROUP_PEAK("ErrorGroupPeak", MetricUnit.COUNT, MetricScope.FUNCTION, Statistic.MAXIMUM);

    /** The CloudWatch namespace of Lambda's own metrics. */
    public static final String NAMESPACE = "AWS/Lambda";

    /** The CloudWatch namespace of the Lambda Insights extension's metrics. */
    public static final String INSIGHTS_NAMESPACE = "LambdaInsights";

    /** The namespace LambdaLens gives the figures it reads from logs (no CloudWatch metric has it). */
    public static final String LOGS_NAMESPACE = "LambdaLens/Logs";

    private final String metricName;

    /** The name CloudWatch publishes it under: the metric name, but for the series by version. */
    private final String cloudWatchName;

    private final MetricUnit unit;

    private final MetricScope scope;

    private final List<Statistic> statistics;

    private final MetricAvailability availability;

    LambdaMetric(String metricName, MetricUnit unit, MetricScope scope, Statistic... statistics) {
        this(metricName, metricName, unit, scope,
                (metricName.equals("memory_utilization") || metricName.equals("used_memory_max"))
                        ? MetricAvailability.LAMBDA_INSIGHTS : MetricAvailability.ALWAYS,
                statistics);
    }

    /** A per-function metric that exists only where the function's triggers or configuration say so. */
    LambdaMetric(String metricName, MetricUnit unit, MetricAvailability availability, Statistic... statistics) {
        this(metricName, metricName, unit, MetricScope.FUNCTION, availability, statistics);
    }

    /**
     * A metric Lambda publishes per function and also per version an alias runs ({@code ExecutedVersion}): kept
     * under a name of its own ({@code VersionInvocations}), so that its series never mix with the function's.
     */
    LambdaMetric(String metricName, String cloudWatchName, MetricUnit unit, Statistic... statistics) {
        this(metricName, cloudWatchName, unit, MetricScope.FUNCTION, MetricAvailability.EXECUTED_VERSION, statistics);
    }

    LambdaMetric(String metricName, String cloudWatchName, MetricUnit unit, MetricScope scope,
            MetricAvailability availability, Statistic[] statistics) {
        this.metricName = metricName;
        this.cloudWatchName = cloudWatchName;
        this.unit = unit;
        this.scope = scope;
        this.statistics = List.of(statistics);
        this.availability = availability;
    }

    /** Where the metric can exist, so that the collector asks only for series that can. */
    public MetricAvailability availability() {
        return fromLogs() ? MetricAvailability.LOGS : this.availability;
    }

    /**
     * Whether a series of it is per alias or version ({@code Resource} dimension) or per event source mapping
     * ({@code EventSourceMappingUUID}), its key naming {@code function:qualifier}.
     */
    public boolean qualified() {
        return this.availability.qualified();
    }

    /**
     * The CloudWatch dimensions of one series of it: none at the account level; the function; for a series per alias
     * or version the function and {@code Resource} ({@code function:qualifier}); for a mapping only its UUID; for a
     * version behind an alias ({@code function:alias:version}) the function, {@code Resource}
     * ({@code function:alias}) and {@code ExecutedVersion}.
     */
    public java.util.Map<String, String> dimensions(@org.jspecify.annotations.Nullable String functionName) {
        if (functionName == null) {
            return java.util.Map.of();
        }
        int colon = functionName.indexOf(':');
        return switch (this.availability) {
            case PROVISIONED_CONCURRENCY -> java.util.Map.of("FunctionName", functionName.substring(0, colon),
                    "Resource", functionName);
            case MAPPING_EVENT_COUNT -> java.util.Map.of("EventSourceMappingUUID", functionName.substring(colon + 1));
            case EXECUTED_VERSION -> {
                int last = functionName.lastIndexOf(':');
                yield java.util.Map.of("FunctionName", functionName.substring(0, colon), "Resource",
                        functionName.substring(0, last), "ExecutedVersion", functionName.substring(last + 1));
            }
            default -> java.util.Map.of(functionDimension(), functionName);
        };
    }

    /**
     * Whether the metric comes from the Lambda Insights extension: only functions with the extension layer publish
     * it, so only theirs are fetched.
     */
    public boolean insights() {
        return this == MEMORY_UTILIZATION || this == USED_MEMORY_MAX;
    }

    /**
     * Whether the figure is read from the function's logs (REPORT lines, error lines) rather than from CloudWatch
     * metrics: the collector never asks GetMetricData for it.
     */
    public boolean fromLogs() {
        return ordinal() >= REPORTED_INVOCATIONS.ordinal();
    }

    /** The CloudWatch namespace this metric is published in; LambdaLens' own for figures read from logs. */
    public String namespace() {
        return fromLogs() ? LOGS_NAMESPACE : insights() ? INSIGHTS_NAMESPACE : NAMESPACE;
    }

    /** The name of the dimension that names the function ({@code FunctionName}, or Insights' {@code function_name}). */
    public String functionDimension() {
        return insights() ? "function_name" : "FunctionName";
    }

    /**
     * The name LambdaLens keeps it under, in the store, the API and rules: the CloudWatch name, but for the series by
     * version ({@code VersionInvocations}), which CloudWatch names as the function's ({@link #cloudWatchName()}).
     */
    public String metricName() {
        return this.metricName;
    }

    /** The name CloudWatch publishes it under ({@code Invocations} for {@link #VERSION_INVOCATIONS} too). */
    public String cloudWatchName() {
        return this.cloudWatchName;
    }

    public MetricUnit unit() {
        return this.unit;
    }

    public MetricScope scope() {
        return this.scope;
    }

    /** The statistics collected for this metric, the first being its headline statistic. */
    public List<Statistic> statistics() {
        return this.statistics;
    }

    /** The metric LambdaLens names so (case-sensitive, as CloudWatch is). */
    public static Optional<LambdaMetric> fromMetricName(String name) {
        return Arrays.stream(values()).filter((m) -> m.metricName.equals(name)).findFirst();
    }

    /**
     * The series by version of what CloudWatch names so: {@code Invocations} published with an
     * {@code ExecutedVersion} dimension is {@link #VERSION_INVOCATIONS}; empty for a metric not kept by version.
     */
    public static Optional<LambdaMetric> byExecutedVersion(String cloudWatchName) {
        return Arrays.stream(values())
            .filter((m) -> m.availability == MetricAvailability.EXECUTED_VERSION && m.cloudWatchName.equals(cloudWatchName))
            .findFirst();
    }
}
