package dev.lambdalens.collector;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * How far collection of one account and region has got, per series group: a group's watermark only moves over
 * what was stored.
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

    /** The account-level watermark. */
    private @Nullable Instant watermark;

    private @Nullable Instant functionWatermark;

    private @Nullable Instant idleWatermark;

    private @Nullable Instant accountFetchedAt;

    private @Nullable Instant functionFetchedAt;

    private @Nullable Instant idleFetchedAt;

    private int accountSeries;

    private int activeFunctionSeries;

    private int idleFunctionSeries;

    private @Nullable Instant lastAttemptAt;

    private @Nullable Instant lastSuccessAt;

    private @Nullable String lastError;

    private @Nullable Instant lastErrorAt;

    private long samplesStored;

    /** Up to where the account-level signal has been looked at for a fetch of the functions' series. */
    private @Nullable Instant signalFetchedUpTo;

    /** GetMetricData calls made because the account-level errors or throttles moved. */
    private long signalFetches;

    /** Metrics those calls requested (the unit CloudWatch bills). */
    private long signalMetrics;

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

    void stored(int samples) {
        this.samplesStored += samples;
    }

    /**
     * Where the group's next window starts from (before the trailing window). Both function groups start from the
     * older of their two watermarks: a function that just changed group was covered by the other group only that
     * far, so nothing falls between them. A group without series holds no watermark, so it never holds the other
     * back.
     */
    @Nullable Instant watermark(SeriesGroup group) {
        if (group == SeriesGroup.ACCOUNT) {
            return this.watermark;
        }
        if (this.functionWatermark == null) {
            return this.idleWatermark;
        }
        if (this.idleWatermark == null) {
            return this.functionWatermark;
        }
        return this.functionWatermark.isBefore(this.idleWatermark) ? this.functionWatermark : this.idleWatermark;
    }

    /** Whether the group's cadence has come round; a little early is on time, the schedule being fixed-delay. */
    boolean due(SeriesGroup group, Instant now, Duration interval) {
        Instant fetchedAt = switch (group) {
            case ACCOUNT -> this.accountFetchedAt;
            case ACTIVE_FUNCTIONS -> this.functionFetchedAt;
            case IDLE_FUNCTIONS -> this.idleFetchedAt;
        };
        Duration slack = interval.dividedBy(10).compareTo(Duration.ofSeconds(10)) < 0 ? interval.dividedBy(10)
                : Duration.ofSeconds(10);
        // the active group without series (no discovery yet, say) is looked at again every cycle, so that the new
        // functions of a discovery just finished are fetched at once rather than a group interval later
        boolean hadNoSeries = group == SeriesGroup.ACTIVE_FUNCTIONS && this.activeFunctionSeries == 0;
        return fetchedAt == null || hadNoSeries || !fetchedAt.plus(interval).minus(slack).isAfter(now);
    }

    void fetched(SeriesGroup group, Instant newWatermark, Instant at, int series) {
        switch (group) {
            case ACCOUNT -> {
                this.watermark = newWatermark;
                this.accountFetchedAt = at;
                this.accountSeries = series;
            }
            case ACTIVE_FUNCTIONS -> {
                this.functionWatermark = (series > 0) ? newWatermark : null;
                this.functionFetchedAt = at;
                this.activeFunctionSeries = series;
            }
            case IDLE_FUNCTIONS -> {
                this.idleWatermark = (series > 0) ? newWatermark : null;
                this.idleFetchedAt = at;
                this.idleFunctionSeries = series;
            }
        }
    }

    void succeeded(Instant at) {
        this.lastSuccessAt = at;
        this.cycles++;
    }

    void failed(String error, Instant at) {
        this.lastError = (error.length() > MAX_ERROR_LENGTH) ? error.substring(0, MAX_ERROR_LENGTH) : error;
        this.lastErrorAt = at;
        this.cycles++;
        this.failures++;
    }

    @Nullable Instant signalFetchedUpTo() {
        return this.signalFetchedUpTo;
    }

    void signalFetchedUpTo(Instant end) {
        this.signalFetchedUpTo = end;
    }

    void signalFetched(int metrics) {
        this.signalFetches++;
        this.signalMetrics += metrics;
    }

    long signalFetches() {
        return this.signalFetches;
    }

    long signalMetrics() {
        return this.signalMetrics;
    }

    /** The oldest watermark of the groups that have series: how far behind the stored data is at worst. */
    @Nullable Instant oldestWatermark() {
        Instant oldest = this.watermark;
        if (this.activeFunctionSeries > 0 && this.functionWatermark != null
                && (oldest == null || this.functionWatermark.isBefore(oldest))) {
            oldest = this.functionWatermark;
        }
        return oldest;
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

    @Nullable Instant functionWatermark() {
        return this.functionWatermark;
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

    int accountSeries() {
        return this.accountSeries;
    }

    int activeFunctionSeries() {
        return this.activeFunctionSeries;
    }

    int idleFunctionSeries() {
        return this.idleFunctionSeries;
    }
}
