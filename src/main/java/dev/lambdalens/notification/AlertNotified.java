package dev.lambdalens.notification;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * When a firing alert last went out to its channels.
 */
@Entity
@Table(name = "alert_notified")
class AlertNotified {

    @Id
    private long alertId;

    private Instant lastNotifiedAt;

    protected AlertNotified() {
        // for JPA
    }

    AlertNotified(long alertId, Instant at) {
        this.alertId = alertId;
        this.lastNotifiedAt = at;
    }

    void notified(Instant at) {
        this.lastNotifiedAt = at;
    }

    long alertId() {
        return this.alertId;
    }

    Instant lastNotifiedAt() {
        return this.lastNotifiedAt;
    }
}
