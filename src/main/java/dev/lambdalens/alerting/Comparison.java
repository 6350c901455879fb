package dev.lambdalens.alerting;

/**
 * How a datapoint is compared with a rule's threshold (CloudWatch's ComparisonOperator).
 */
public enum Comparison {

    GREATER_THAN_OR_EQUAL_TO_THRESHOLD(">="), GREATER_THAN_THRESHOLD(">"), LESS_THAN_THRESHOLD("<"),
    LESS_THAN_OR_EQUAL_TO_THRESHOLD("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return this.symbol;
    }

    /** Whether {@code value} breaches {@code threshold}. */
    public boolean breaches(double value, double threshold) {
        return switch (this) {
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
            case GREATER_THAN_THRESHOLD -> value > threshold;
            case LESS_THAN_THRESHOLD -> value < threshold;
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
        };
    }
}
