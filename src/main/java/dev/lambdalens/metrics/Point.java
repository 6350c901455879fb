package dev.lambdalens.metrics;

/**
 * One datapoint: the value of a series for the period starting at {@code epochSecond}.
 */
public record Point(long epochSecond, double value) {

    public Point {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Datapoint at " + epochSecond + " is not a finite number: " + value);
        }
    }
}
