package dev.lambdalens.collector.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;

/**
 * Where functions and their 1-minute metrics come from: CloudWatch and Lambda, or the simulated demo account.
 * Implementations report what the source holds, never invented or zero-filled points.
 */
public interface MetricSource {

    /** The accounts and regions this source covers. */
    List<SourceRegion> regions();

    /** How many series and datapoints one {@link #fetch} call may carry. */
    SourceLimits limits();

    /** The functions and account limits of one account and region. */
    Discovery discover(SourceRegion region);

    /**
     * The functions and account limits of one account and region, knowing what was found last time: a source that
     * needs one call per function for some details may ask only for new and changed functions, and reuse the known
     * details of the others unless {@code known.fullRefresh()}.
     */
    default Discovery discover(SourceRegion region, KnownInventory known) {
        return discover(region);
    }

    /**
     * The 1-minute datapoints of the given series over [start, end), both aligned to the minute. The caller keeps
     * within {@link #limits()}. A series without data in the window is absent from the answer or maps to an empty
     * list.
     */
    Map<SeriesKey, List<Point>> fetch(SourceRegion region, List<SeriesKey> series, Instant start, Instant end);
}
