package dev.lambdalens.collector;

import java.util.ArrayList;
import java.util.List;

import dev.lambdalens.collector.source.SourceLimits;
import dev.lambdalens.metrics.SeriesKey;

/**
 * Cuts the series of one window into fetch calls at the source's physical limits: as many series per call as the
 * query limit and the datapoint limit allow together (500 and 100,800 for GetMetricData).
 */
final class FetchBatches {

    private FetchBatches() {
    }

    /** The most minutes one call can cover for a single series. */
    static long maxMinutesPerCall(SourceLimits limits) {
        return limits.maxDatapointsPerCall();
    }

    static List<List<SeriesKey>> partition(List<SeriesKey> series, long minutesPerSeries, SourceLimits limits) {
        if (minutesPerSeries > limits.maxDatapointsPerCall()) {
            throw new IllegalArgumentException(
                    "A window of " + minutesPerSeries + " minutes exceeds one call; split the window first");
        }
        long byDatapoints = limits.maxDatapointsPerCall() / Math.max(1, minutesPerSeries);
        int size = (int) Math.max(1, Math.min(limits.maxQueriesPerCall(), byDatapoints));
        List<List<SeriesKey>> batches = new ArrayList<>();
        for (int from = 0; from < series.size(); from += size) {
            batches.add(List.copyOf(series.subList(from, Math.min(series.size(), from + size))));
        }
        return batches;
    }
}
