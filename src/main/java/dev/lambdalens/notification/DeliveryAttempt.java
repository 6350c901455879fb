package dev.lambdalens.notification;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to deliver, for the delivery log.
 */
@Entity
@Table(name = "delivery_attempt")
class DeliveryAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private long deliveryId;

    private Instant at;

    private @Nullable Integer httpStatus;

    private String outcome;

    private @Nullable String error;

    @SuppressWarnings("NullAway.Init")
    protected DeliveryAttempt() {
        // for JPA
    }

    DeliveryAttempt(long deliveryId, Instant at, @Nullable Integer httpStatus, String outcome, @Nullable String error) {
        this.deliveryId = deliveryId;
        this.at = at;
        this.httpStatus = httpStatus;
        this.outcome = outcome;
        this.error = (error != null && error.length() > 1000) ? error.substring(0, 1000) : error;
    }

    long deliveryId() {
        return this.deliveryId;
    }

    Instant at() {
        return this.at;
    }

    @Nullable Integer httpStatus() {
        return this.httpStatus;
    }

    String outcome() {
        return this.outcome;
    }

    @Nullable String error() {
        return this.error;
    }
}
