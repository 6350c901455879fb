package dev.lambdalens.collector.stream;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.EventSourceKind;
import dev.lambdalens.inventory.EventSourceMapping;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static dev.lambdalens.testing.MetricStreamDeliveries.delivery;
import static dev.lambdalens.testing.MetricStreamDeliveries.record;
import static dev.lambdalens.testing.MetricStreamDeliveries.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A metric stream's deliveries of the trigger metrics are stored, not dropped: stream lag, asynchronous drops,
 * provisioned concurrency per alias ({@code FunctionName} + {@code Resource}) and a mapping's event counts (by its
 * UUID alone, tied to its function through the mappings discovery found).
 */
@SpringBootTest(properties = { "lambdalens.test.signed-in=false", "lambdalens.streams.enabled=true",
        "lambdalens.streams.access-key=firehose-key-0123456789" })
@AutoConfigureMockMvc
class TriggerMetricStreamsTests {

    static final String KEY = "firehose-key-0123456789";

    static final String ACCOUNT = "123456789012";

    static final long MINUTE = 1_795_852_800_000L; // 2026-11-28T08:00:00Z in ms

    @Autowired
    MockMvc mvc;

    @Autowired
    SeriesQueries queries;

    @Autowired
    Inventory inventory;

    @Test
    void shouldStoreTheTriggerMetricsOfADeliveryExactly() throws Exception {
        this.inventory.reconcile(ACCOUNT, "eu-west-1",
                List.of(new DiscoveredFunction(ACCOUNT, "eu-west-1", "orders", "arn:aws:lambda:eu-west-1:" + ACCOUNT
                        + ":function:orders", "java21", Architecture.ARM64, 512, 30, null, 1000, Map.of())),
                List.of(new EventSourceMapping("uuid-1", "orders", null, "arn:aws:kinesis:eu-west-1:" + ACCOUNT
                        + ":stream/orders", EventSourceKind.KINESIS, "Enabled", 100, 0, List.of(), null,
                        Set.of("EventCount"), null, null)),
                AccountLimits.unknown(ACCOUNT, "eu-west-1", Instant.ofEpochMilli(MINUTE)), Instant.ofEpochMilli(MINUTE));
        String body = delivery("req-t", MINUTE + 180_000, record(
                update(ACCOUNT, "eu-west-1", "AWS/Lambda", "IteratorAge", "{\"FunctionName\":\"orders\"}", MINUTE,
                        "{\"max\":360500,\"min\":1000,\"sum\":400000,\"count\":3}"),
                update(ACCOUNT, "eu-west-1", "AWS/Lambda", "AsyncEventsDropped", "{\"FunctionName\":\"orders\"}",
                        MINUTE, "{\"max\":2,\"min\":0,\"sum\":5,\"count\":4}"),
                update(ACCOUNT, "eu-west-1", "AWS/Lambda", "ProvisionedConcurrencySpilloverInvocations",
                        "{\"FunctionName\":\"orders\",\"Resource\":\"orders:live\"}", MINUTE,
                        "{\"max\":9,\"min\":1,\"sum\":17,\"count\":3}"),
                update(ACCOUNT, "eu-west-1", "AWS/Lambda", "PolledEventCount", "{\"EventSourceMappingUUID\":\"uuid-1\"}",
                        MINUTE, "{\"max\":300,\"min\":100,\"sum\":1200,\"count\":6}")),
                record(update(ACCOUNT, "eu-west-1", "AWS/Lambda", "PolledEventCount",
                        "{\"EventSourceMappingUUID\":\"uuid-unknown\"}", MINUTE,
                        "{\"max\":1,\"min\":1,\"sum\":1,\"count\":1}")));
        deliver("req-t", body);

        assertThat(value(SeriesKey.ofFunction(ACCOUNT, "eu-west-1", "orders", LambdaMetric.ITERATOR_AGE,
                Statistic.MAXIMUM))).isEqualTo(360500);
        assertThat(value(SeriesKey.ofFunction(ACCOUNT, "eu-west-1", "orders", LambdaMetric.ASYNC_EVENTS_DROPPED,
                Statistic.SUM))).isEqualTo(5);
        assertThat(value(SeriesKey.ofQualified(ACCOUNT, "eu-west-1", "orders", "live",
                LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, Statistic.SUM))).isEqualTo(17);
        assertThat(value(SeriesKey.ofQualified(ACCOUNT, "eu-west-1", "orders", "uuid-1",
                LambdaMetric.POLLED_EVENT_COUNT, Statistic.SUM))).isEqualTo(1200);
        // the mapping nobody discovered has no function to belong to: skipped, not stored under a guess
        assertThat(this.queries.exists(SeriesKey.ofQualified(ACCOUNT, "eu-west-1", "orders", "uuid-unknown",
                LambdaMetric.POLLED_EVENT_COUNT, Statistic.SUM))).isFalse();
    }

    @Test
    void shouldStoreMetricsByExecutedVersionApartFromTheFunctionsOwn() throws Exception {
        String orders = "{\"FunctionName\":\"orders\"}";
        String canary = "{\"FunctionName\":\"orders\",\"Resource\":\"orders:prod\",\"ExecutedVersion\":\"8\"}";
        String stable = "{\"FunctionName\":\"orders\",\"Resource\":\"orders:prod\",\"ExecutedVersion\":\"7\"}";
        String body = delivery("req-v", MINUTE + 180_000, record(
                update(ACCOUNT, "eu-west-1", "AWS/Lambda", "Invocations", orders, MINUTE,
                        "{\"max\":1,\"min\":1,\"sum\":100,\"count\":100}"),
                update(ACCOUNT, "eu-west-1", "AWS/Lambda", "Invocations", stable, MINUTE,
                        "{\"max\":1,\"min\":1,\"sum\":90,\"count\":90}"),
                update(ACCOUNT, "eu-west-1", "AWS/Lambda", "Invocations", canary, MINUTE,
                        "{\"max\":1,\"min\":1,\"sum\":10,\"count\":10}"),
                update(ACCOUNT, "eu-west-1", "AWS/Lambda", "Errors", canary, MINUTE,
                        "{\"max\":1,\"min\":0,\"sum\":3,\"count\":10}"),
                update(ACCOUNT, "eu-west-1", "AWS/Lambda", "Duration", canary, MINUTE,
                        "{\"max\":950.5,\"min\":20.25,\"sum\":2405.5,\"count\":10,\"p99\":941.75}"),
                // Throttles happen before any version runs: nothing is kept by version for them
                update(ACCOUNT, "eu-west-1", "AWS/Lambda", "Throttles", canary, MINUTE,
                        "{\"max\":0,\"min\":0,\"sum\":0,\"count\":1}"),
                // a version that is not a published version's number is not one
                update(ACCOUNT, "eu-west-1", "AWS/Lambda", "Invocations",
                        "{\"FunctionName\":\"orders\",\"Resource\":\"orders:prod\",\"ExecutedVersion\":\"x:1\"}",
                        MINUTE, "{\"max\":1,\"min\":1,\"sum\":5,\"count\":5}")));
        deliver("req-v", body);

        assertThat(value(SeriesKey.ofFunction(ACCOUNT, "eu-west-1", "orders", LambdaMetric.INVOCATIONS,
                Statistic.SUM))).isEqualTo(100);
        assertThat(value(SeriesKey.ofQualified(ACCOUNT, "eu-west-1", "orders", "prod:7",
                LambdaMetric.VERSION_INVOCATIONS, Statistic.SUM))).isEqualTo(90);
        assertThat(value(SeriesKey.ofQualified(ACCOUNT, "eu-west-1", "orders", "prod:8",
                LambdaMetric.VERSION_INVOCATIONS, Statistic.SUM))).isEqualTo(10);
        assertThat(value(SeriesKey.ofQualified(ACCOUNT, "eu-west-1", "orders", "prod:8",
                LambdaMetric.VERSION_ERRORS, Statistic.SUM))).isEqualTo(3);
        assertThat(value(SeriesKey.ofQualified(ACCOUNT, "eu-west-1", "orders", "prod:8",
                LambdaMetric.VERSION_DURATION, Statistic.SUM))).isEqualTo(2405.5);
        assertThat(value(SeriesKey.ofQualified(ACCOUNT, "eu-west-1", "orders", "prod:8",
                LambdaMetric.VERSION_DURATION, Statistic.P99))).isEqualTo(941.75);
        // the function's own Throttles are not touched by the per-version update
        assertThat(this.queries.exists(SeriesKey.ofFunction(ACCOUNT, "eu-west-1", "orders", LambdaMetric.THROTTLES,
                Statistic.SUM))).isFalse();
        assertThat(this.queries.exists(SeriesKey.ofQualified(ACCOUNT, "eu-west-1", "orders", "prod:x:1",
                LambdaMetric.VERSION_INVOCATIONS, Statistic.SUM))).isFalse();
    }

    private void deliver(String requestId, String body) throws Exception {
        this.mvc.perform(post(FirehoseEndpoint.PATH).header("X-Amz-Firehose-Access-Key", KEY)
            .header("X-Amz-Firehose-Request-Id", requestId)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body)).andExpect(status().isOk());
    }

    private double value(SeriesKey key) {
        Instant at = Instant.ofEpochMilli(MINUTE);
        List<Point> points = this.queries.read(key, at, at.plusSeconds(60), 60).points();
        assertThat(points).as(key.toString()).hasSize(1);
        return points.get(0).value();
    }
}
