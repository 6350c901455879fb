package dev.lambdalens.metrics;

import java.util.List;

/**
 * A stored series read back over a range at a step: only the buckets that hold data, none invented.
 */
public record SeriesData(SeriesKey key, long stepSeconds, List<Point> points) {
}
