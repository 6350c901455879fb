package dev.lambdalens.notification;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One notification owed to one channel, until it is delivered or given up.
 */
@Entity
@Table(name = "delivery")
class Delivery {

    /** Where a delivery stands. */
    enum Status {
        PENDING, DELIVERED, GAVE_UP,
        /** Not sent: a silence covered the alert when it changed state. */
        SILENCED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private long channelId;

    private String idempotencyKey;

    private String payload;

    @Enumerated(EnumType.STRING)
    private Status status;

    private int attempts;

    private Instant createdAt;

    private Instant nextAttemptAt;

    private @Nullable Instant deliveredAt;

    private @Nullable String lastError;

    @SuppressWarnings("NullAway.Init")
    protected Delivery() {
        // for JPA
    }

    Delivery(long channelId, String idempotencyKey, String payload, Instant now, boolean silenced) {
        this.channelId = channelId;
        this.idempotencyKey = idempotencyKey;
        this.payload = payload;
        this.status = silenced ? Status.SILENCED : Status.PENDING;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    void delivered(Instant at) {
        this.attempts++;
        this.status = Status.DELIVERED;
        this.deliveredAt = at;
        this.lastError = null;
    }

    /** A failed attempt: try again after an exponential backoff, or give up once the delivery is too old. */
    void failed(String error, Instant at, Duration firstBackoff, Duration maxBackoff, Duration giveUpAfter) {
        failed(error, at, firstBackoff, maxBackoff, giveUpAfter, null);
    }

    /** A permanent refusal: given up after {@code allowed} attempts, retried with backoff until then. */
    void refused(String error, Instant at, int allowed, Duration firstBackoff, Duration maxBackoff,
            Duration giveUpAfter) {
        failed(error, at, firstBackoff, maxBackoff, giveUpAfter, null);
        if (this.attempts >= allowed) {
            this.status = Status.GAVE_UP;
        }
    }

    /**
     * A failed attempt that waits at least {@code atLeast} (a 429's Retry-After) before the next, or the backoff
     * when that is longer.
     */
    void failed(String error, Instant at, Duration firstBackoff, Duration maxBackoff, Duration giveUpAfter,
            @Nullable Duration atLeast) {
        this.attempts++;
        this.lastError = (error.length() > 1000) ? error.substring(0, 1000) : error;
        if (!at.isBefore(this.createdAt.plus(giveUpAfter))) {
            this.status = Status.GAVE_UP;
            return;
        }
        Duration backoff = firstBackoff.multipliedBy(1L << Math.min(this.attempts - 1, 20));
        Duration wait = (backoff.compareTo(maxBackoff) > 0) ? maxBackoff : backoff;
        if (atLeast != null && atLeast.compareTo(wait) > 0) {
            wait = atLeast;
        }
        this.nextAttemptAt = at.plus(wait);
    }

    @Nullable Long id() {
        return this.id;
    }

    long channelId() {
        return this.channelId;
    }

    String idempotencyKey() {
        return this.idempotencyKey;
    }

    String payload() {
        return this.payload;
    }

    Status status() {
        return this.status;
    }

    int attempts() {
        return this.attempts;
    }

    Instant createdAt() {
        return this.createdAt;
    }

    Instant nextAttemptAt() {
        return this.nextAttemptAt;
    }

    @Nullable Instant deliveredAt() {
        return this.deliveredAt;
    }

    @Nullable String lastError() {
        return this.lastError;
    }
}
