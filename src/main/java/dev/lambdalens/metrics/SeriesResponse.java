package dev.lambdalens.metrics;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The JSON answer of {@code GET /api/v1/series}: points as {@code [epochSeconds, value]} pairs, and what each value is
 * ({@code statisticLabel}: "highest 1-minute p99" for a p99 at a step beyond a minute).
 */
record SeriesResponse(String account, String region, @Nullable String function, String metric, String statistic,
        String statisticLabel, String unit, long step, List<List<Number>> points) {

    static SeriesResponse of(SeriesData data) {
        SeriesKey key = data.key();
        List<List<Number>> points = data.points()
            .stream()
            .map((point) -> List.<Number>of(point.epochSecond(), point.value()))
            .toList();
        return new SeriesResponse(key.account(), key.region(), key.functionName(), key.metric().metricName(),
                key.statistic().wireName(), key.statistic().labelAt(data.stepSeconds()), key.metric().unit().wireName(),
                data.stepSeconds(), points);
    }
}
