package dev.lambdalens.collector;

import java.util.List;
import java.util.stream.IntStream;

import dev.lambdalens.collector.source.SourceLimits;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FetchBatchesTests {

    private static List<SeriesKey> series(int count) {
        return IntStream.range(0, count)
            .mapToObj((i) -> SeriesKey.ofFunction("123456789012", "us-east-1", "f" + i, LambdaMetric.INVOCATIONS,
                    Statistic.SUM))
            .toList();
    }

    @Test
    void shouldFillCallsUpTo500QueriesForShortWindows() {
        List<List<SeriesKey>> batches = FetchBatches.partition(series(1_201), 20, SourceLimits.GET_METRIC_DATA);
        assertThat(batches).extracting(List::size).containsExactly(500, 500, 201);
    }

    @Test
    void shouldKeepEachCallWithin100800DatapointsForLongWindows() {
        // a 24-hour backfill: 1,440 points per series, so 70 series per call
        List<List<SeriesKey>> batches = FetchBatches.partition(series(200), 1_440, SourceLimits.GET_METRIC_DATA);
        assertThat(batches).extracting(List::size).containsExactly(70, 70, 60);
        assertThat(batches).allSatisfy((b) -> assertThat(b.size() * 1_440L).isLessThanOrEqualTo(100_800));
    }

    @Test
    void shouldLoseNoSeriesAndRepeatNone() {
        List<SeriesKey> all = series(1_234);
        List<List<SeriesKey>> batches = FetchBatches.partition(all, 300, SourceLimits.GET_METRIC_DATA);
        assertThat(batches.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(all);
    }

    @Test
    void shouldRefuseAWindowLongerThanOneCallCanCarry() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> FetchBatches.partition(series(1), 100_801, SourceLimits.GET_METRIC_DATA));
    }
}
