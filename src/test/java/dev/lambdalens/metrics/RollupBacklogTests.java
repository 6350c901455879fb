package dev.lambdalens.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The roll-up backlog an operator watches: hours written and not rolled up yet. */
@SpringBootTest(properties = "lambdalens.retention.enabled=false")
class RollupBacklogTests {

    @Autowired
    SampleStore samples;

    @Autowired
    Retention retention;

    @Autowired
    MeterRegistry registry;

    @Test
    void countsTheHoursWaitingForTheirRollupUntilAPassRollsThemUp() {
        assertThat(backlog()).isZero();
        long hour = Instant.parse("2026-11-20T10:00:00Z").getEpochSecond();
        SeriesKey key = SeriesKey.ofFunction("123456789012", "eu-west-1", "checkout", LambdaMetric.INVOCATIONS,
                Statistic.SUM);
        // three minutes over two hours of one region, and one minute of another region
        this.samples.upsert(Map.of(key, List.of(new Point(hour, 1), new Point(hour + 60, 2), new Point(hour + 3600, 3))));
        this.samples.upsert(Map.of(SeriesKey.ofFunction("123456789012", "us-east-1", "checkout",
                LambdaMetric.INVOCATIONS, Statistic.SUM), List.of(new Point(hour, 1))));
        assertThat(backlog()).isEqualTo(3);

        assertThat(this.retention.rollUpPending()).isEqualTo(3);
        assertThat(backlog()).isZero();
    }

    private double backlog() {
        return this.registry.get("lambdalens.rollup.pending").gauge().value();
    }
}
