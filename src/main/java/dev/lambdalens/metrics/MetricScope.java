package dev.lambdalens.metrics;

/**
 * Where CloudWatch publishes a metric: per function ({@code FunctionName} dimension), for the whole account in a
 * region (no dimension), or both.
 */
public enum MetricScope {

    FUNCTION, ACCOUNT, BOTH;

    public boolean perFunction() {
        return this != ACCOUNT;
    }

    public boolean perAccount() {
        return this != FUNCTION;
    }
}
