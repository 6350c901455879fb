package dev.lambdalens.collector.stream;

import java.util.List;

import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static dev.lambdalens.collector.stream.MetricStreamsTests.MINUTE;
import static dev.lambdalens.collector.stream.MetricStreamsTests.delivery;
import static dev.lambdalens.collector.stream.MetricStreamsTests.record;
import static dev.lambdalens.collector.stream.MetricStreamsTests.update;
import static org.assertj.core.api.Assertions.assertThat;

class MetricStreamRecordsTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void twoUpdatesOfOneMinuteAreMergedAsCloudWatchAggregates() {
        String body = delivery("req-1",
                record(update("AWS/Lambda", "Duration", "{\"FunctionName\":\"orders-api\"}", MINUTE,
                        "{\"max\":300,\"min\":10,\"sum\":1000,\"count\":10,\"p99\":250}"),
                        update("AWS/Lambda", "Invocations", "{\"FunctionName\":\"orders-api\"}", MINUTE,
                                "{\"max\":1,\"min\":1,\"sum\":10,\"count\":10}")),
                record(update("AWS/Lambda", "Duration", "{\"FunctionName\":\"orders-api\"}", MINUTE + 20_000,
                        "{\"max\":120,\"min\":4,\"sum\":3000,\"count\":90,\"p99\":110}"),
                        update("AWS/Lambda", "Invocations", "{\"FunctionName\":\"orders-api\"}", MINUTE,
                                "{\"max\":1,\"min\":1,\"sum\":90,\"count\":90}")));
        MetricStreamRecords.Parsed parsed = MetricStreamRecords.parse(this.json.readTree(body), this.json);
        assertThat(parsed.updates()).isEqualTo(4);
        long minute = MINUTE / 1000;
        assertThat(parsed.samples().get(key(LambdaMetric.INVOCATIONS, Statistic.SUM)))
            .containsExactly(new Point(minute, 100));
        assertThat(parsed.samples().get(key(LambdaMetric.DURATION, Statistic.SUM)))
            .containsExactly(new Point(minute, 4000));
        // the sum over the count, not the mean of the two averages (100 and 33.3)
        assertThat(parsed.samples().get(key(LambdaMetric.DURATION, Statistic.AVERAGE)))
            .containsExactly(new Point(minute, 40));
        assertThat(parsed.samples().get(key(LambdaMetric.DURATION, Statistic.MAXIMUM)))
            .containsExactly(new Point(minute, 300));
        assertThat(parsed.samples().get(key(LambdaMetric.DURATION, Statistic.P99)))
            .isEqualTo(List.of(new Point(minute, 250)));
    }

    private static SeriesKey key(LambdaMetric metric, Statistic statistic) {
        return SeriesKey.ofFunction("123456789012", "us-east-1", "orders-api", metric, statistic);
    }
}
