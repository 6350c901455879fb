package dev.lambdalens.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The Kinesis Data Firehose HTTP endpoint delivery protocol, for every endpoint that receives it (Metric Streams, Logs
 * subscriptions): a POST of {@code {requestId, timestamp, records}} with the header {@code X-Amz-Firehose-Access-Key},
 * answered {@code {requestId, timestamp}} and, on failure, {@code errorMessage}. Firehose retries anything but a 200.
 * The endpoint says what its records mean; this class checks that it is on and the key, reads the envelope and
 * writes the answer.
 */
public final class FirehoseHttpEndpoint {

    /** The header carrying the access key configured on the Firehose stream. */
    public static final String ACCESS_KEY = "X-Amz-Firehose-Access-Key";

    /** The header carrying the delivery's request id. */
    public static final String REQUEST_ID = "X-Amz-Firehose-Request-Id";

    /** The header carrying the stream's parameters ("common attributes"), as JSON. */
    public static final String COMMON_ATTRIBUTES = "X-Amz-Firehose-Common-Attributes";

    private final JsonMapper json;

    private final Clock clock;

    private final String offMessage;

    /**
     * @param offMessage the answer while the endpoint is switched off, naming the setting that switches it on
     */
    public FirehoseHttpEndpoint(JsonMapper json, Clock clock, String offMessage) {
        this.json = json;
        this.clock = clock;
        this.offMessage = offMessage;
    }

    /** What an endpoint does with a delivery's JSON once the protocol has accepted it. */
    @FunctionalInterface
    public interface Records {

        /** Stores the delivery, or throws {@link Refused} naming why not. */
        void store(JsonNode delivery) throws Refused;
    }

    /** A delivery the endpoint refuses: a 400 for one that can never be stored, a 503 for one to be retried. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        private final HttpStatus status;

        private Refused(HttpStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        /** A delivery that cannot be stored as it is: Firehose gives up on it after its retries (into its S3 backup). */
        public static Refused malformed(String message) {
            return new Refused(HttpStatus.BAD_REQUEST, message);
        }

        /** A delivery that could not be stored now, and may be later. */
        public static Refused retry(String message) {
            return new Refused(HttpStatus.SERVICE_UNAVAILABLE, message);
        }
    }

    /**
     * Receives one delivery: 404 while the endpoint is off, 401 without the right key, 400 for a body that is not a
     * Firehose delivery, then whatever {@code records} makes of it; the answer names the delivery's request id.
     */
    public ResponseEntity<Map<String, Object>> receive(boolean enabled, @Nullable String expectedKey,
            @Nullable String key, @Nullable String requestIdHeader, @Nullable String body, Records records) {
        String requestId = (requestIdHeader != null) ? requestIdHeader : "";
        if (!enabled) {
            return answer(HttpStatus.NOT_FOUND, requestId, this.offMessage);
        }
        if (key == null || !constantTimeEquals(key, expectedKey)) {
            return answer(HttpStatus.UNAUTHORIZED, requestId, ACCESS_KEY + " is missing or wrong");
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
        try {
            records.store(delivery);
        }
        catch (Refused refused) {
            return answer(refused.status, requestId, refused.getMessage());
        }
        return answer(HttpStatus.OK, requestId, null);
    }

    /** The value of one of the stream's parameters (common attributes), or null. */
    public @Nullable String commonAttribute(@Nullable String header, String name) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            JsonNode value = this.json.readTree(header).path("commonAttributes").path(name);
            return value.isString() ? value.asString() : null;
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
