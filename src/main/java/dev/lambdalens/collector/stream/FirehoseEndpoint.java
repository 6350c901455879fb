package dev.lambdalens.collector.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.lambdalens.collector.MetricsCollected;
import dev.lambdalens.metrics.SampleStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Kinesis Data Firehose HTTP endpoint delivery protocol: a POST with {@code {requestId, timestamp, records}} and
 * the header {@code X-Amz-Firehose-Access-Key}, answered {@code {requestId, timestamp}} (and {@code errorMessage}
 * on failure). Firehose retries anything but a 200, so a redelivery is upserted over itself: stored once.
 */
@RestController
class FirehoseEndpoint {

    static final String PATH = "/api/v1/metric-streams/firehose";

    private final StreamProperties properties;

    private final SampleStore store;

    private final JsonMapper json;

    private final ApplicationEventPublisher events;

    private final MeterRegistry meters;

    private final Clock clock;

    FirehoseEndpoint(StreamProperties properties, SampleStore store, JsonMapper json, ApplicationEventPublisher events,
            MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.store = store;
        this.json = json;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
    }

    @PostMapping(path = PATH, consumes = MediaType.ALL_VALUE)
    ResponseEntity<Map<String, Object>> deliver(
            @RequestHeader(name = "X-Amz-Firehose-Access-Key", required = false) @Nullable String key,
            @RequestHeader(name = "X-Amz-Firehose-Request-Id", required = false) @Nullable String requestIdHeader,
            @RequestBody(required = false) @Nullable String body) {
        String requestId = (requestIdHeader != null) ? requestIdHeader : "";
        if (!this.properties.enabled()) {
            return answer(HttpStatus.NOT_FOUND, requestId, "Metric Streams ingestion is off: set lambdalens.streams.enabled");
        }
        if (key == null || !constantTimeEquals(key, this.properties.accessKey())) {
            return answer(HttpStatus.UNAUTHORIZED, requestId, "X-Amz-Firehose-Access-Key is missing or wrong");
        }
        JsonNode delivery;
        try {
            delivery = this.json.readTree((body != null) ? body : "");
        }
        catch (JacksonException ex) {
            return answer(HttpStatus.BAD_REQUEST, requestId, "The body is not JSON");
        }
        if (delivery == null || !delivery.isObject()) {
            return answer(HttpStatus.BAD_REQUEST, requestId, "The body is not a Firehose delivery");
        }
        if (delivery.hasNonNull("requestId")) {
            requestId = delivery.get("requestId").asString();
        }
        MetricStreamRecords.Parsed parsed;
        try {
            parsed = MetricStreamRecords.parse(delivery, this.json);
        }
        catch (MalformedDeliveryException ex) {
            this.meters.counter("lambdalens.streams.deliveries", "outcome", "malformed").increment();
            return answer(HttpStatus.BAD_REQUEST, requestId, ex.getMessage());
        }
        this.store.upsert(parsed.samples());
        published(parsed);
        this.meters.counter("lambdalens.streams.deliveries", "outcome", "stored").increment();
        this.meters.counter("lambdalens.streams.updates", "outcome", "stored")
            .increment(parsed.updates() - parsed.skipped());
        this.meters.counter("lambdalens.streams.updates", "outcome", "skipped").increment(parsed.skipped());
        return answer(HttpStatus.OK, requestId, null);
    }

    /** Tells alerting, cost and rollups which account, region and minutes changed, as a collection cycle does. */
    private void published(MetricStreamRecords.Parsed parsed) {
        Map<String, long[]> ranges = new LinkedHashMap<>();
        parsed.samples().forEach((key, points) -> {
            long[] range = ranges.computeIfAbsent(key.account() + "/" + key.region(),
                    (k) -> new long[] { Long.MAX_VALUE, Long.MIN_VALUE, 0 });
            points.forEach((p) -> {
                range[0] = Math.min(range[0], p.epochSecond());
                range[1] = Math.max(range[1], p.epochSecond() + 60);
                range[2]++;
            });
        });
        ranges.forEach((region, range) -> {
            String[] parts = region.split("/");
            this.events.publishEvent(MetricsCollected.streamed(parts[0], parts[1], Instant.ofEpochSecond(range[0]),
                    Instant.ofEpochSecond(range[1]), (int) range[2]));
        });
    }

    private ResponseEntity<Map<String, Object>> answer(HttpStatus status, String requestId, @Nullable String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("timestamp", this.clock.millis());
        if (error != null) {
            body.put("errorMessage", error);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static boolean constantTimeEquals(String given, @Nullable String expected) {
        return expected != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

}
