package dev.lambdalens.collector;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * How far collection of one account and region has got: the watermark only moves over what was stored.
 */
@Entity
@Table(name = "collector_state")
class CollectorState {

    private static final int MAX_ERROR_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(name = "account_id")
    private String account;

    private String region;

    private @Nullable Instant watermark;

    private @Nullable Instant lastAttemptAt;

    private @Nullable Instant lastSuccessAt;

    private @Nullable Instant lastDiscoveryAt;

    private @Nullable String lastError;

    private @Nullable Instant lastErrorAt;

    private long samplesStored;

    private long cycles;

    private long failures;

    @SuppressWarnings("NullAway.Init")
    protected CollectorState() {
        // for JPA
    }

    CollectorState(String account, String region) {
        this.account = account;
        this.region = region;
    }

    void attempted(Instant at) {
        this.lastAttemptAt = at;
    }

    void discovered(Instant at) {
        this.lastDiscoveryAt = at;
    }

    void stored(int samples) {
        this.samplesStored += samples;
    }

    void succeeded(Instant newWatermark, Instant at) {
        this.watermark = newWatermark;
        this.lastSuccessAt = at;
        this.cycles++;
    }

    void failed(String error, Instant at) {
        this.lastError = (error.length() > MAX_ERROR_LENGTH) ? error.substring(0, MAX_ERROR_LENGTH) : error;
        this.lastErrorAt = at;
        this.cycles++;
        this.failures++;
    }

    boolean discoveryDue(Instant now, java.time.Duration interval) {
        return this.lastDiscoveryAt == null || !this.lastDiscoveryAt.plus(interval).isAfter(now);
    }

    String account() {
        return this.account;
    }

    String region() {
        return this.region;
    }

    @Nullable Instant watermark() {
        return this.watermark;
    }

    @Nullable Instant lastAttemptAt() {
        return this.lastAttemptAt;
    }

    @Nullable Instant lastSuccessAt() {
        return this.lastSuccessAt;
    }

    @Nullable String lastError() {
        return this.lastError;
    }

    @Nullable Instant lastErrorAt() {
        return this.lastErrorAt;
    }

    long samplesStored() {
        return this.samplesStored;
    }

    long cycles() {
        return this.cycles;
    }

    long failures() {
        return this.failures;
    }
}
