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
}
