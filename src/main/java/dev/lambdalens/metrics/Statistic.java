package dev.lambdalens.metrics;

import java.util.Arrays;
import java.util.Optional;

/**
 * A CloudWatch statistic, with the way LambdaLens combines several 1-minute values of it into one coarser point.
 */
public enum Statistic {

    /** Added up across minutes, exactly as CloudWatch would. */
    SUM("Sum", "sum"),
    /** The largest minute, exactly as CloudWatch would. */
    MAXIMUM("Maximum", "max"),
    /** The smallest minute, exactly as CloudWatch would. */
    MINIMUM("Minimum", "min"),
    /** The mean of the minutes' averages: exact at a 60 s step, unweighted by invocations above it. */
    AVERAGE("Average", "avg"),
    /** The largest minute's p99: an upper bound of the true p99 above a 60 s step (percentiles do not add up). */
    P99("p99", "max");

    private final String wireName;

    private final String rollupFunction;

    Statistic(String wireName, String rollupFunction) {
        this.wireName = wireName;
        this.rollupFunction = rollupFunction;
    }

    /** The name CloudWatch uses ({@code Sum}, {@code Maximum}, {@code p99}, ...). */
    public String wireName() {
        return this.wireName;
    }

    /** The SQL aggregate that combines 1-minute values into a coarser step. */
    String rollupFunction() {
        return this.rollupFunction;
    }

    /**
     * What a value of this statistic is at a step, in words for the API and charts: beyond a minute, a p99 is the
     * highest 1-minute p99 of the step (the minutes' percentiles cannot be combined into the step's), never called
     * the step's p99.
     */
    public String labelAt(long stepSeconds) {
        if (this == P99 && stepSeconds > Steps.NATIVE_SECONDS) {
            return "highest 1-minute p99";
        }
        return this.wireName;
    }

    /** The statistic CloudWatch names so, ignoring case. */
    public static Optional<Statistic> fromWireName(String name) {
        return Arrays.stream(values()).filter((s) -> s.wireName.equalsIgnoreCase(name)).findFirst();
    }
}
