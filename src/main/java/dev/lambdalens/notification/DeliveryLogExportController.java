package dev.lambdalens.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.export.Exports;
import dev.lambdalens.metrics.Instants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery log as an export: {@code /api/v1/deliveries} with {@code format=csv} (or {@code Accept: text/csv}),
 * or {@code format=json} for the same rows as JSON, one per delivery of a time range, oldest first. Without either,
 * the endpoint answers as it always has ({@link DeliveriesApiController}).
 */
@RestController
class DeliveryLogExportController {

    static final Duration MAX_RANGE = Duration.ofDays(400);

    private final DeliveryRepository deliveries;

    private final DeliveryAttemptRepository attempts;

    private final ChannelRepository channels;

    private final ChannelSender sender;

    private final Clock clock;

    DeliveryLogExportController(DeliveryRepository deliveries, DeliveryAttemptRepository attempts,
            ChannelRepository channels, ChannelSender sender, Clock clock) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.channels = channels;
        this.sender = sender;
        this.clock = clock;
    }

    @GetMapping(path = "/api/v1/deliveries", params = "format")
    @Transactional(readOnly = true)
    @Operation(summary = "The delivery log of [from, to) as rows, CSV (format=csv) or JSON (format=json)")
    ResponseEntity<?> export(@Parameter(description = "ISO-8601 or epoch seconds (default: 30 days ago)")
    @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "ISO-8601 or epoch seconds, excluded (default: now)")
            @RequestParam(required = false) @Nullable String to, @RequestParam String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        return Exports.answer(format, accept, "lambdalens-deliveries", DeliveryRow.class, rows(from, to));
    }

    @GetMapping(path = "/api/v1/deliveries", produces = "text/csv")
    @Transactional(readOnly = true)
    ResponseEntity<?> csv(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        return Exports.answer("csv", null, "lambdalens-deliveries", DeliveryRow.class, rows(from, to));
    }

    private List<DeliveryRow> rows(@Nullable String from, @Nullable String to) {
        Instant end = (to != null) ? Instants.parse("to", to) : this.clock.instant().plusSeconds(1);
        Instant start = (from != null) ? Instants.parse("from", from) : end.minus(Duration.ofDays(30));
        if (!end.isAfter(start)) {
            throw new InvalidFieldException("to", "must be after from (" + start + "); to is excluded");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new InvalidFieldException("to", "a range is at most " + MAX_RANGE.toDays() + " days");
        }
        Map<Long, Channel> byId = this.channels.findAll()
            .stream()
            .collect(Collectors.toMap(Channel::id, Function.identity()));
        return this.deliveries.findByCreatedAtGreaterThanEqualAndCreatedAtLessThanOrderByCreatedAtAscIdAsc(start, end)
            .stream()
            .map((d) -> DeliveryRow.of(d, byId.get(d.channelId()), this.sender.read(d.payload()),
                    this.attempts.findByDeliveryIdOrderByAtAsc(d.id())))
            .toList();
    }

    /** One delivery: what was owed to which channel, and how it went. */
    @JsonPropertyOrder({ "id", "createdAt", "channelId", "channel", "channelType", "rule", "event", "alerts",
            "idempotencyKey", "status", "attempts", "lastHttpStatus", "deliveredAt", "lastError" })
    record DeliveryRow(long id, Instant createdAt, long channelId, String channel, String channelType, String rule,
            String event, int alerts, String idempotencyKey, String status, int attempts,
            @Nullable Integer lastHttpStatus, @Nullable Instant deliveredAt, @Nullable String lastError) {

        static DeliveryRow of(Delivery delivery, @Nullable Channel channel, Map<String, Object> event,
                List<DeliveryAttempt> log) {
            boolean reminder = Boolean.TRUE.equals(event.get("reminder"));
            return new DeliveryRow(delivery.id(), delivery.createdAt(), delivery.channelId(),
                    (channel != null) ? channel.name() : "(deleted)",
                    (channel != null) ? channel.type().name() : "", String.valueOf(event.getOrDefault("rule", "")),
                    event.getOrDefault("status", "") + (reminder ? " (reminder)" : ""),
                    NotificationFormat.alerts(event).size(), delivery.idempotencyKey(), delivery.status().name(),
                    delivery.attempts(), log.isEmpty() ? null : log.get(log.size() - 1).httpStatus(),
                    delivery.deliveredAt(), delivery.lastError());
        }
    }
}
