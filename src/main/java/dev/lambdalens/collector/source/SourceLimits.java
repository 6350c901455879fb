package dev.lambdalens.collector.source;

/**
 * How much one fetch call of a source may carry, as CloudWatch GetMetricData defines it.
 *
 * @param maxQueriesPerCall series per call (500 for GetMetricData)
 * @param maxDatapointsPerCall datapoints per call (100,800 for GetMetricData)
 */
public record SourceLimits(int maxQueriesPerCall, int maxDatapointsPerCall) {

    /** The limits of CloudWatch GetMetricData. */
    public static final SourceLimits GET_METRIC_DATA = new SourceLimits(500, 100_800);

    public SourceLimits {
        if (maxQueriesPerCall < 1 || maxDatapointsPerCall < 1) {
            throw new IllegalArgumentException("Source limits must be positive");
        }
    }
}
