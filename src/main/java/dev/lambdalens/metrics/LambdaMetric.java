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

    private final MetricUnit unit;

    private final MetricScope scope;

    private final List<Statistic> statistics;

    LambdaMetric(String metricName, MetricUnit unit, MetricScope scope, Statistic... statistics) {
        this.metricName = metricName;
        this.unit = unit;
        this.scope = scope;
        this.statistics = List.of(statistics);
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

    /** The CloudWatch metric name. */
    public String metricName() {
        return this.metricName;
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

    /** The metric CloudWatch names so (case-sensitive, as CloudWatch is). */
    public static Optional<LambdaMetric> fromMetricName(String name) {
        return Arrays.stream(values()).filter((m) -> m.metricName.equals(name)).findFirst();
    }
}
