package dev.lambdalens.logs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * CloudWatch Logs subscription filters delivered by Kinesis Data Firehose, with the same HTTP endpoint delivery
 * protocol as the Metric Streams endpoint (its own path and access key): answered {@code {requestId, timestamp}},
 * with {@code errorMessage} on failure. Firehose retries anything but a 200, and every event is stored by its id,
 * so a redelivery is stored once. The region comes from the {@code region} common attribute (or query parameter);
 * without it, the function is looked up by account and name alone.
 */
@RestController
class LogSubscriptionEndpoint {

    static final String PATH = "/api/v1/logs/firehose";

    private final LogsProperties properties;

    private final LogIngest ingest;

    private final LogGroups logGroups;

    private final JsonMapper json;

    private final MeterRegistry meters;

    private final Clock clock;

    LogSubscriptionEndpoint(LogsProperties properties, LogIngest ingest, LogGroups logGroups, JsonMapper json,
            MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.ingest = ingest;
        this.logGroups = logGroups;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
    }

    @PostMapping(path = PATH, consumes = MediaType.ALL_VALUE)
    ResponseEntity<Map<String, Object>> deliver(
            @RequestHeader(name = "X-Amz-Firehose-Access-Key", required = false) @Nullable String key,
            @RequestHeader(name = "X-Amz-Firehose-Request-Id", required = false) @Nullable String requestIdHeader,
            @RequestHeader(name = "X-Amz-Firehose-Common-Attributes", required = false) @Nullable String attributes,
            @RequestParam(name = "region", required = false) @Nullable String regionParam,
            @RequestBody(required = false) @Nullable String body) {
        String requestId = (requestIdHeader != null) ? requestIdHeader : "";
        if (!this.properties.enabled()) {
            return answer(HttpStatus.NOT_FOUND, requestId, "Log subscriptions are off: set lambdalens.logs.enabled");
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
        String region = (regionParam != null && !regionParam.isBlank()) ? regionParam : region(attributes);
        SubscriptionRecords.Parsed parsed;
        try {
            parsed = SubscriptionRecords.parse(delivery, this.json,
                    (account, logGroup) -> this.logGroups.function(account, logGroup, region).orElse(null));
        }
        catch (MalformedLogDeliveryException ex) {
            this.meters.counter("lambdalens.logs.deliveries", "outcome", "malformed").increment();
            return answer(HttpStatus.BAD_REQUEST, requestId, ex.getMessage());
        }
        try {
            LogIngest.Outcome outcome = this.ingest.ingest(parsed.functions());
            this.meters.counter("lambdalens.logs.events", "outcome", "stored")
                .increment(outcome.reports() + outcome.errors());
            this.meters.counter("lambdalens.logs.events", "outcome", "duplicate").increment(outcome.duplicates());
            this.meters.counter("lambdalens.logs.events", "outcome", "ignored").increment(outcome.ignored());
        }
        catch (DataAccessException ex) {
            // two instances storing the same redelivery at once: Firehose retries, and the retry finds it stored
            this.meters.counter("lambdalens.logs.deliveries", "outcome", "retry").increment();
            return answer(HttpStatus.SERVICE_UNAVAILABLE, requestId, "The delivery could not be stored now; retry");
        }
        this.meters.counter("lambdalens.logs.deliveries", "outcome", "stored").increment();
        return answer(HttpStatus.OK, requestId, null);
    }

    private @Nullable String region(@Nullable String attributes) {
        if (attributes == null || attributes.isBlank()) {
            return null;
        }
        try {
            JsonNode region = this.json.readTree(attributes).path("commonAttributes").path("region");
            return region.isString() ? region.asString() : null;
        }
        catch (JacksonException ex) {
            return null;
        }
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
