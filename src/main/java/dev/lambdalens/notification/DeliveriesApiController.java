package dev.lambdalens.notification;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
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
    List<DeliveryResponse> deliveries() {
        return this.deliveries.findTop200ByOrderByCreatedAtDesc()
            .stream()
            .map((d) -> new DeliveryResponse(d.id(), d.channelId(), d.idempotencyKey(), d.status().name(),
                    d.attempts(), d.createdAt(), d.nextAttemptAt(), d.deliveredAt(), d.lastError(),
                    this.attempts.findByDeliveryIdOrderByAtAsc(d.id())
                        .stream()
                        .map((a) -> new AttemptResponse(a.at(), a.httpStatus(), a.outcome(), a.error()))
                        .toList()))
            .toList();
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
