package dev.lambdalens.metrics;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The JSON answer of {@code GET /api/v1/series}: points as {@code [epochSeconds, value]} pairs.
 */
record SeriesResponse(String account, String region, @Nullable String function, String metric, String statistic,
        String unit, long step, List<List<Number>> points) {

    static SeriesResponse of(SeriesData data) {
        SeriesKey key = data.key();
        List<List<Number>> points = data.points()
            .stream()
            .map((point) -> List.<Number>of(point.epochSecond(), point.value()))
            .toList();
        return new SeriesResponse(key.account(), key.region(), key.functionName(), key.metric().metricName(),
                key.statistic().wireName(), key.metric().unit().wireName(), data.stepSeconds(), points);
    }
}
