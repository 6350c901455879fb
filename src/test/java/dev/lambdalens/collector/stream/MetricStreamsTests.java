package dev.lambdalens.collector.stream;

import java.util.List;

import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MetricStreamDeliveries;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Firehose-shaped deliveries of a CloudWatch metric stream in the JSON output format, as Firehose sends them: no
 * session, no CSRF token, its own access key.
 */
@SpringBootTest(properties = { "lambdalens.test.signed-in=false", "lambdalens.streams.enabled=true",
        "lambdalens.streams.access-key=firehose-key-0123456789" })
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class MetricStreamsTests {

    static final String KEY = "firehose-key-0123456789";

    static final long MINUTE = 1_795_852_800_000L; // 2026-11-28T08:00:00Z in ms

    @Autowired
    MockMvc mvc;

    @Autowired
    SeriesQueries queries;

    @Test
    void storesTheLambdaMetricsOfADeliveryOnceHoweverOftenItIsDelivered() throws Exception {
        String body = delivery("req-1", record(
                update("AWS/Lambda", "Invocations", "{\"FunctionName\":\"orders-api\"}", MINUTE,
                        "{\"max\":1,\"min\":1,\"sum\":420,\"count\":420}"),
                update("AWS/Lambda", "Duration", "{\"FunctionName\":\"orders-api\"}", MINUTE,
                        "{\"max\":310.5,\"min\":12.0,\"sum\":42000,\"count\":420,\"p99\":250.25}"),
                update("AWS/Lambda", "ConcurrentExecutions", "{}", MINUTE,
                        "{\"max\":37,\"min\":2,\"sum\":400,\"count\":60}")),
                record(update("AWS/Lambda", "Invocations", "{\"FunctionName\":\"orders-api\",\"ExecutedVersion\":\"3\"}",
                        MINUTE, "{\"max\":1,\"min\":1,\"sum\":400,\"count\":400}"),
                        update("AWS/EC2", "CPUUtilization", "{\"InstanceId\":\"i-1\"}", MINUTE,
                                "{\"max\":1,\"min\":1,\"sum\":1,\"count\":1}")));
        long before = this.queries.sampleCount(); // other test classes of the same context store samples too
        send(KEY, body).andExpect(status().isOk())
            .andExpect(jsonPath("$.requestId").value("req-1"))
            .andExpect(jsonPath("$.timestamp").isNumber());
        long stored = this.queries.sampleCount();
        assertThat(stored - before).isEqualTo(1 + 4 + 1); // Invocations Sum; Duration Sum, Average, Maximum, p99; account max
        assertThat(value("orders-api", LambdaMetric.INVOCATIONS, Statistic.SUM)).isEqualTo(420);
        assertThat(value("orders-api", LambdaMetric.DURATION, Statistic.AVERAGE)).isEqualTo(100);
        assertThat(value("orders-api", LambdaMetric.DURATION, Statistic.P99)).isEqualTo(250.25);
        assertThat(value("orders-api", LambdaMetric.DURATION, Statistic.MAXIMUM)).isEqualTo(310.5);
        assertThat(value(null, LambdaMetric.CONCURRENT_EXECUTIONS, Statistic.MAXIMUM)).isEqualTo(37);
        // Firehose retries until it gets a 200: the same delivery again changes nothing
        send(KEY, body).andExpect(status().isOk());
        assertThat(this.queries.sampleCount()).isEqualTo(stored);
        assertThat(value("orders-api", LambdaMetric.INVOCATIONS, Statistic.SUM)).isEqualTo(420);
    }

    @Test
    void refusesAWrongOrMissingAccessKeyAndStoresNothing() throws Exception {
        String body = delivery("req-2", record(update("AWS/Lambda", "Invocations", "{}", MINUTE,
                "{\"max\":1,\"min\":1,\"sum\":5,\"count\":5}")));
        // an unauthenticated body is not even read: the answer names the request by Firehose's header
        send("wrong-key-000000000000", body).andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.requestId").value("header-id"))
            .andExpect(jsonPath("$.errorMessage").value("X-Amz-Firehose-Access-Key is missing or wrong"));
        this.mvc.perform(post(FirehoseEndpoint.PATH).contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isUnauthorized());
        assertThat(this.queries.sampleCount()).isZero();
    }

    @Test
    void refusesAMalformedRecordWithA400AndStoresNothingOfTheDelivery() throws Exception {
        String good = record(update("AWS/Lambda", "Invocations", "{}", MINUTE, "{\"max\":1,\"min\":1,\"sum\":5,\"count\":5}"));
        for (String bad : List.of("{\"data\": \"not base64 !!\"}",
                record("{\"namespace\":\"AWS/Lambda\",\"metric_name\":\"Invocations\""),
                record(update("AWS/Lambda", "Invocations", "{}", MINUTE, "{\"sum\":\"many\"}")),
                record(update("AWS/Lambda", "Invocations", "{}", MINUTE, "{\"sum\":1}").replace("123456789012", "12")))) {
            send(KEY, delivery("req-3", good, bad)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.requestId").value("req-3"))
                .andExpect(jsonPath("$.errorMessage").isNotEmpty());
        }
        send(KEY, "{\"requestId\": \"req-4\"}").andExpect(status().isBadRequest());
        send(KEY, "not json").andExpect(status().isBadRequest());
        assertThat(this.queries.sampleCount()).isZero();
    }

    private double value(String function, LambdaMetric metric, Statistic statistic) {
        SeriesKey key = new SeriesKey("123456789012", "us-east-1", function, metric, statistic);
        List<Point> points = this.queries.read(key, java.time.Instant.ofEpochMilli(MINUTE),
                java.time.Instant.ofEpochMilli(MINUTE + 60_000), 60).points();
        assertThat(points).hasSize(1);
        return points.get(0).value();
    }

    private ResultActions send(String key, String body) throws Exception {
        return this.mvc.perform(post(FirehoseEndpoint.PATH).contentType(MediaType.APPLICATION_JSON)
            .header("X-Amz-Firehose-Access-Key", key)
            .header("X-Amz-Firehose-Request-Id", "header-id")
            .content(body));
    }

    static String delivery(String requestId, String... records) {
        return MetricStreamDeliveries.delivery(requestId, MINUTE + 180_000, records);
    }

    static String record(String... updates) {
        return MetricStreamDeliveries.record(updates);
    }

    static String update(String namespace, String metric, String dimensions, long timestamp, String value) {
        return MetricStreamDeliveries.update("123456789012", "us-east-1", namespace, metric, dimensions, timestamp,
                value);
    }
}
