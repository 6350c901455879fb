package dev.lambdalens.logs;

import java.time.Clock;
import java.util.Map;

import dev.lambdalens.shared.FirehoseHttpEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * CloudWatch Logs subscription filters delivered by Kinesis Data Firehose, with the same HTTP endpoint delivery
 * protocol as the Metric Streams endpoint ({@link FirehoseHttpEndpoint}; its own path and access key). Firehose retries anything but a 200, and every event is stored by its id,
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

    private final FirehoseHttpEndpoint protocol;

    LogSubscriptionEndpoint(LogsProperties properties, LogIngest ingest, LogGroups logGroups, JsonMapper json,
            MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.ingest = ingest;
        this.logGroups = logGroups;
        this.json = json;
        this.meters = meters;
        this.protocol = new FirehoseHttpEndpoint(json, clock,
                "Log subscriptions are off: set lambdalens.logs.enabled");
    }

    @PostMapping(path = PATH, consumes = MediaType.ALL_VALUE)
    ResponseEntity<Map<String, Object>> deliver(
            @RequestHeader(name = FirehoseHttpEndpoint.ACCESS_KEY, required = false) @Nullable String key,
            @RequestHeader(name = FirehoseHttpEndpoint.REQUEST_ID, required = false) @Nullable String requestIdHeader,
            @RequestHeader(name = FirehoseHttpEndpoint.COMMON_ATTRIBUTES, required = false) @Nullable String attributes,
            @RequestParam(name = "region", required = false) @Nullable String regionParam,
            @RequestBody(required = false) @Nullable String body) {
        String region = (regionParam != null && !regionParam.isBlank()) ? regionParam
                : this.protocol.commonAttribute(attributes, "region");
        return this.protocol.receive(this.properties.enabled(), this.properties.accessKey(), key, requestIdHeader,
                body, (delivery) -> store(delivery, region));
    }

    private void store(JsonNode delivery, @Nullable String region) throws FirehoseHttpEndpoint.Refused {
        SubscriptionRecords.Parsed parsed;
        try {
            parsed = SubscriptionRecords.parse(delivery, this.json,
                    (account, logGroup) -> this.logGroups.function(account, logGroup, region).orElse(null));
        }
        catch (MalformedLogDeliveryException ex) {
            this.meters.counter("lambdalens.logs.deliveries", "outcome", "malformed").increment();
            throw FirehoseHttpEndpoint.Refused.malformed(ex.getMessage());
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
            throw FirehoseHttpEndpoint.Refused.retry("The delivery could not be stored now; retry");
        }
        this.meters.counter("lambdalens.logs.deliveries", "outcome", "stored").increment();
    }
}
