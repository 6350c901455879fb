package dev.lambdalens.notification;

import org.springframework.http.ResponseEntity;

import org.springframework.data.domain.Limit;

import io.swagger.v3.oas.annotations.Parameter;

import dev.lambdalens.Paging;

import dev.lambdalens.InvalidFieldException;

import java.util.Map;

import java.util.HashMap;

import java.util.Arrays;

import java.util.ArrayList;

import java.time.format.DateTimeParseException;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/deliveries}: the delivery log, newest first, with every attempt and its outcome.
 */
@RestController
@RequestMapping("/api/v1/deliveries")
class DeliveriesApiController {

    private final DeliveryRepository deliveries;

    private final DeliveryAttemptRepository attempts;

    DeliveriesApiController(DeliveryRepository deliveries, DeliveryAttemptRepository attempts) {
        this.deliveries = deliveries;
        this.attempts = attempts;
    }

    @GetMapping
    @Transactional(readOnly = true)
    @io.swagger.v3.oas.annotations.Operation(summary = "The delivery log in pages, newest first, with attempts",
            description = "At most limit (default 100, up to 1,000) per page; the next page is linked in the Link "
                    + "header (rel=\"next\"). The attempts of a page are read in one query.")
    ResponseEntity<List<DeliveryResponse>> deliveries(
            @Parameter(description = "PENDING, DELIVERED, GAVE_UP or SILENCED") @RequestParam(required = false)
            @Nullable String status, @RequestParam(required = false) @Nullable Long channel,
            @Parameter(description = "ISO-8601, created at or after") @RequestParam(required = false)
            @Nullable String from, @Parameter(description = "ISO-8601, created before")
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        int size = Paging.limit(limit);
        long before = (cursor != null) ? Paging.number(Paging.keyOf(cursor, 1).get(0)) : Long.MAX_VALUE;
        List<Delivery> rows = this.deliveries.page(before, status(status), channel, instant("from", from, Instant.EPOCH),
                instant("to", to, Paging.END_OF_TIME), Limit.of(size + 1));
        Map<Long, List<AttemptResponse>> log = new HashMap<>();
        if (!rows.isEmpty()) {
            this.attempts.findByDeliveryIdInOrderByAtAscIdAsc(rows.stream().map(Delivery::id).toList())
                .forEach((a) -> log.computeIfAbsent(a.deliveryId(), (k) -> new ArrayList<>())
                    .add(new AttemptResponse(a.at(), a.httpStatus(), a.outcome(), a.error())));
        }
        return Paging.page(rows, size, (d) -> Paging.cursorOf(d.id()),
                (d) -> new DeliveryResponse(d.id(), d.channelId(), d.idempotencyKey(), d.status().name(), d.attempts(),
                        d.createdAt(), d.nextAttemptAt(), d.deliveredAt(), d.lastError(),
                        log.getOrDefault(d.id(), List.of())));
    }

    static Delivery.@Nullable Status status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return Arrays.stream(Delivery.Status.values())
            .filter((s) -> s.name().equalsIgnoreCase(status))
            .findFirst()
            .orElseThrow(() -> new InvalidFieldException("status", "status must be one of "
                    + Arrays.toString(Delivery.Status.values()) + ", not " + status));
    }

    private static Instant instant(String field, @Nullable String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw new InvalidFieldException(field, field + " must be an ISO-8601 instant such as "
                    + "2026-11-28T10:00:00Z, not " + value);
        }
    }

    /** One delivery and its attempts. */
    record DeliveryResponse(long id, long channelId, String idempotencyKey, String status, int attempts,
            Instant createdAt, Instant nextAttemptAt, @Nullable Instant deliveredAt, @Nullable String lastError,
            List<AttemptResponse> log) {
    }

    /** One attempt. */
    record AttemptResponse(Instant at, @Nullable Integer httpStatus, String outcome, @Nullable String error) {
    }
}
