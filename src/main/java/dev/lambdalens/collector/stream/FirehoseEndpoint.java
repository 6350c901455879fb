package dev.lambdalens.collector.stream;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.lambdalens.collector.MetricsCollected;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.SampleStore;
import dev.lambdalens.shared.FirehoseHttpEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Metric Streams delivered by Kinesis Data Firehose's HTTP endpoint delivery protocol ({@link FirehoseHttpEndpoint}).
 * Firehose retries anything but a 200, so a redelivery is upserted over itself: stored once.
 */
@RestController
class FirehoseEndpoint {

    static final String PATH = "/api/v1/metric-streams/firehose";

    private final StreamProperties properties;

    private final SampleStore store;

    private final JsonMapper json;

    private final ApplicationEventPublisher events;

    private final MeterRegistry meters;

    private final FirehoseHttpEndpoint protocol;

    private final Inventory inventory;

    /**
     * The functions of the event source mappings deliveries name, by "account/region/uuid": a delivery carries only
     * the UUID, and mappings seldom move, so a lookup is kept for a few minutes.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, java.util.Optional<String>> owners =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                .expireAfterWrite(java.time.Duration.ofMinutes(5))
                .maximumSize(100_000)
                .build();

    FirehoseEndpoint(StreamProperties properties, SampleStore store, JsonMapper json, ApplicationEventPublisher events,
            MeterRegistry meters, Clock clock, Inventory inventory) {
        this.inventory = inventory;
        this.properties = properties;
        this.store = store;
        this.json = json;
        this.events = events;
        this.meters = meters;
        this.protocol = new FirehoseHttpEndpoint(json, clock,
                "Metric Streams ingestion is off: set lambdalens.streams.enabled");
    }

    @PostMapping(path = PATH, consumes = MediaType.ALL_VALUE)
    ResponseEntity<Map<String, Object>> deliver(
            @RequestHeader(name = FirehoseHttpEndpoint.ACCESS_KEY, required = false) @Nullable String key,
            @RequestHeader(name = FirehoseHttpEndpoint.REQUEST_ID, required = false) @Nullable String requestIdHeader,
            @RequestBody(required = false) @Nullable String body) {
        return this.protocol.receive(this.properties.enabled(), this.properties.accessKey(), key, requestIdHeader,
                body, this::store);
    }

    private void store(JsonNode delivery) throws FirehoseHttpEndpoint.Refused {
        MetricStreamRecords.Parsed parsed;
        try {
            parsed = MetricStreamRecords.parse(delivery, this.json, (account, region, uuid) -> this.owners
                .get(account + "/" + region + "/" + uuid, (k) -> this.inventory.mappingOwner(account, region, uuid))
                .orElse(null));
        }
        catch (MalformedDeliveryException ex) {
            this.meters.counter("lambdalens.streams.deliveries", "outcome", "malformed").increment();
            throw FirehoseHttpEndpoint.Refused.malformed(ex.getMessage());
        }
        this.store.upsert(parsed.samples());
        published(parsed);
        this.meters.counter("lambdalens.streams.deliveries", "outcome", "stored").increment();
        this.meters.counter("lambdalens.streams.updates", "outcome", "stored")
            .increment(parsed.updates() - parsed.skipped());
        this.meters.counter("lambdalens.streams.updates", "outcome", "skipped").increment(parsed.skipped());
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
}
