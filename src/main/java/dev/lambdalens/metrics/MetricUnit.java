package dev.lambdalens.metrics;

/**
 * The CloudWatch unit of a metric.
 */
public enum MetricUnit {

    COUNT("Count"), MILLISECONDS("Milliseconds"), PERCENT("Percent"), MEGABYTES("Megabytes");

    private final String wireName;

    MetricUnit(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return this.wireName;
    }
}
