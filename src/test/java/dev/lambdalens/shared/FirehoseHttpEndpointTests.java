package dev.lambdalens.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** The Firehose HTTP endpoint delivery protocol's checks and answers, shared by both Firehose endpoints. */
class FirehoseHttpEndpointTests {

    static final String KEY = "a-key-of-sixteen-chars";

    final FirehoseHttpEndpoint endpoint = new FirehoseHttpEndpoint(JsonMapper.builder().build(),
            Clock.fixed(Instant.ofEpochMilli(1_795_852_800_000L), ZoneOffset.UTC), "Off: set x.enabled");

    final List<JsonNode> stored = new ArrayList<>();

    @Test
    void shouldAnswerEachRefusalWithItsStatusAndTheRequestIdAndStoreNothing() {
        assertAnswer(this.endpoint.receive(false, KEY, KEY, "h-1", "{}", this::store), 404, "h-1", "Off: set x.enabled");
        assertAnswer(this.endpoint.receive(true, KEY, null, "h-2", "{}", this::store), 401, "h-2",
                "X-Amz-Firehose-Access-Key is missing or wrong");
        assertAnswer(this.endpoint.receive(true, KEY, KEY + "x", "h-3", "{}", this::store), 401, "h-3",
                "X-Amz-Firehose-Access-Key is missing or wrong");
        assertAnswer(this.endpoint.receive(true, null, KEY, "h-4", "{}", this::store), 401, "h-4",
                "X-Amz-Firehose-Access-Key is missing or wrong");
        assertAnswer(this.endpoint.receive(true, KEY, KEY, "h-5", "{not json", this::store), 400, "h-5",
                "The body is not JSON");
        assertAnswer(this.endpoint.receive(true, KEY, KEY, null, "[1]", this::store), 400, "",
                "The body is not a Firehose delivery");
        assertThat(this.stored).isEmpty();
        assertAnswer(this.endpoint.receive(true, KEY, KEY, "h-6", "{\"requestId\":\"b-6\"}", (d) -> {
            throw FirehoseHttpEndpoint.Refused.malformed("record 0 is not base64");
        }), 400, "b-6", "record 0 is not base64");
        assertAnswer(this.endpoint.receive(true, KEY, KEY, "h-7", "{\"requestId\":\"b-7\"}", (d) -> {
            throw FirehoseHttpEndpoint.Refused.retry("busy");
        }), 503, "b-7", "busy");
    }

    @Test
    void shouldHandTheDeliveryOnAndAnswerTheBodysRequestIdWithoutAnErrorMessage() {
        ResponseEntity<Map<String, Object>> answer = this.endpoint.receive(true, KEY, KEY, "h-1",
                "{\"requestId\":\"b-1\",\"timestamp\":1,\"records\":[]}", this::store);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).containsExactly(Map.entry("requestId", "b-1"),
                Map.entry("timestamp", 1_795_852_800_000L));
        assertThat(this.stored).hasSize(1);
        assertThat(this.stored.get(0).path("records").isArray()).isTrue();
    }

    @Test
    void shouldReadACommonAttribute() {
        assertThat(this.endpoint.commonAttribute("{\"commonAttributes\":{\"region\":\"eu-west-1\"}}", "region"))
            .isEqualTo("eu-west-1");
        assertThat(this.endpoint.commonAttribute("{\"commonAttributes\":{}}", "region")).isNull();
        assertThat(this.endpoint.commonAttribute("not json", "region")).isNull();
        assertThat(this.endpoint.commonAttribute(null, "region")).isNull();
    }

    private void store(JsonNode delivery) {
        this.stored.add(delivery);
    }

    private static void assertAnswer(ResponseEntity<Map<String, Object>> answer, int status, String requestId,
            String error) {
        assertThat(answer.getStatusCode().value()).isEqualTo(status);
        assertThat(answer.getBody()).containsEntry("requestId", requestId).containsEntry("errorMessage", error)
            .containsEntry("timestamp", 1_795_852_800_000L);
    }
}
