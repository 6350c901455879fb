package dev.lambdalens.collector.source.demo;

import java.util.Map;

import dev.lambdalens.metrics.SeriesKey;
import org.jspecify.annotations.Nullable;

/**
 * Picks the value of one series out of a simulated minute, or none where CloudWatch would have no datapoint.
 */
final class DemoValues {

    private DemoValues() {
    }

    static @Nullable Double valueOf(SeriesKey key, Map<String, FunctionMinute> functions,
            @Nullable AccountMinute account) {
        String name = key.functionName();
        if (name != null) {
            FunctionMinute minute = functions.get(name);
            return (minute != null) ? functionValue(key, minute) : null;
        }
        return (account != null) ? accountValue(key, account) : null;
    }

    private static @Nullable Double functionValue(SeriesKey key, FunctionMinute minute) {
        boolean invoked = minute.invocations() > 0;
        return switch (key.metric()) {
            case INVOCATIONS -> (double) minute.invocations();
            case ERRORS -> (double) minute.errors();
            case THROTTLES -> (double) minute.throttles();
            case CONCURRENT_EXECUTIONS -> invoked ? (double) minute.concurrency() : null;
            case DURATION -> !invoked ? null : switch (key.statistic()) {
                case AVERAGE -> round(minute.durationAverage());
                case MAXIMUM -> round(minute.durationMaximum());
                case P99 -> round(minute.durationP99());
                case SUM -> round(minute.durationSum());
                case MINIMUM -> null;
            };
            case MEMORY_UTILIZATION -> (invoked && minute.usedMemoryMax() > 0) ? minute.memoryUtilization() : null;
            case USED_MEMORY_MAX -> (invoked && minute.usedMemoryMax() > 0) ? minute.usedMemoryMax() : null;
            case UNRESERVED_CONCURRENT_EXECUTIONS, CLAIMED_ACCOUNT_CONCURRENCY -> null;
            default -> null; // figures read from logs come from the demo's log lines, not from here
        };
    }

    private static @Nullable Double accountValue(SeriesKey key, AccountMinute minute) {
        return switch (key.metric()) {
            case INVOCATIONS -> (double) minute.invocations();
            case ERRORS -> (double) minute.errors();
            case THROTTLES -> (double) minute.throttles();
            case CONCURRENT_EXECUTIONS -> (double) minute.concurrency();
            case UNRESERVED_CONCURRENT_EXECUTIONS -> (double) minute.unreserved();
            case CLAIMED_ACCOUNT_CONCURRENCY -> (double) minute.claimed();
            case DURATION, MEMORY_UTILIZATION, USED_MEMORY_MAX -> null;
            default -> null;
        };
    }

    /** CloudWatch reports Lambda durations to 0.01 ms. */
    private static double round(double milliseconds) {
        return Math.round(milliseconds * 100) / 100.0;
    }
}

