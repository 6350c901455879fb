package dev.lambdalens.alerting;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * The state of one rule for one target, and who acknowledged it.
 */
@Entity
@Table(name = "alert")
class Alert {

    private static final int MAX_REASON = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private long ruleId;

    @Column(name = "account_id")
    private String account;

    private String region;

    private String functionName;

    @Enumerated(EnumType.STRING)
    private AlarmState state;

    private Instant stateSince;

    private @Nullable String lastReason;

    private @Nullable String acknowledgedBy;

    private @Nullable Instant acknowledgedAt;

    private @Nullable String ackComment;

    /** While a breach waits out the rule's pending period: when it began. */
    private @Nullable Instant breachSince;

    /** While a firing alert's recovery waits out the rule's keep-firing period: when it began. */
    private @Nullable Instant recoverySince;

    @SuppressWarnings("NullAway.Init")
    protected Alert() {
        // for JPA
    }

    /** A new alert starts as CloudWatch alarms do: INSUFFICIENT_DATA until evaluated. */
    Alert(long ruleId, AlertTarget target, Instant now) {
        this.ruleId = ruleId;
        this.account = target.account();
        this.region = target.region();
        this.functionName = target.function();
        this.state = AlarmState.INSUFFICIENT_DATA;
        this.stateSince = now;
    }

    /**
     * Record the judgement of the period ending at {@code at}, holding a breach back until it has lasted
     * {@code pendingFor} and a recovery until it has lasted {@code keepFiringFor}; returns the evaluation that changed
     * the state, or {@code null} when the state stays. Only a change of state or of a pending timer writes the row.
     */
    @Nullable Evaluation judged(Evaluation raw, java.time.Duration pendingFor, java.time.Duration keepFiringFor,
            Instant at) {
        if (raw.state() == AlarmState.ALARM) {
            this.recoverySince = null;
            if (this.state == AlarmState.ALARM) {
                return null;
            }
            if (this.breachSince == null) {
                this.breachSince = at;
            }
            if (java.time.Duration.between(this.breachSince, at).compareTo(pendingFor) < 0) {
                return null;
            }
            Evaluation fired = pendingFor.isZero() ? raw : raw.because(raw.reason() + "; breaching since "
                    + this.breachSince + ", longer than the pending period of " + pendingFor.toMinutes() + " min");
            this.breachSince = null;
            return evaluated(fired, at) ? fired : null;
        }
        this.breachSince = null;
        if (this.state == AlarmState.ALARM && !keepFiringFor.isZero()) {
            if (this.recoverySince == null) {
                this.recoverySince = at;
            }
            if (java.time.Duration.between(this.recoverySince, at).compareTo(keepFiringFor) < 0) {
                return null;
            }
            Evaluation resolved = raw.because(raw.reason() + "; recovered since " + this.recoverySince
                    + ", longer than the keep-firing period of " + keepFiringFor.toMinutes() + " min");
            this.recoverySince = null;
            return evaluated(resolved, at) ? resolved : null;
        }
        this.recoverySince = null;
        return evaluated(raw, at) ? raw : null;
    }

    /**
     * Record an evaluation; returns whether the state changed. An unchanged alert is left untouched, so that a pass
     * over thousands of steady alerts writes nothing.
     */
    boolean evaluated(Evaluation evaluation, Instant at) {
        if (evaluation.state() == this.state) {
            return false;
        }
        this.lastReason = truncate(evaluation.reason());
        this.state = evaluation.state();
        this.stateSince = at;
        // an acknowledgement is for one episode: a new state needs a new one
        this.acknowledgedBy = null;
        this.acknowledgedAt = null;
        this.ackComment = null;
        this.breachSince = null;
        this.recoverySince = null;
        return true;
    }

    void acknowledge(String by, @Nullable String comment, Instant at) {
        this.acknowledgedBy = by;
        this.ackComment = comment;
        this.acknowledgedAt = at;
    }

    static String truncate(String text) {
        return (text.length() > MAX_REASON) ? text.substring(0, MAX_REASON) : text;
    }

    @Nullable Long id() {
        return this.id;
    }

    long ruleId() {
        return this.ruleId;
    }

    AlertTarget target() {
        return new AlertTarget(this.account, this.region, this.functionName);
    }

    AlarmState state() {
        return this.state;
    }

    Instant stateSince() {
        return this.stateSince;
    }

    @Nullable String lastReason() {
        return this.lastReason;
    }

    @Nullable String acknowledgedBy() {
        return this.acknowledgedBy;
    }

    @Nullable Instant acknowledgedAt() {
        return this.acknowledgedAt;
    }

    @Nullable String ackComment() {
        return this.ackComment;
    }

    /** When a breach still waiting out the pending period began, if one is. */
    @Nullable Instant breachSince() {
        return this.breachSince;
    }
}
