package dev.lambdalens.alerting;

import java.time.Instant;
import java.util.stream.Collectors;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One change of an alert's state: when, from what to what, and the datapoints that decided it.
 */
@Entity
@Table(name = "alert_transition")
class AlertTransition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private long alertId;

    @Enumerated(EnumType.STRING)
    private AlarmState fromState;

    @Enumerated(EnumType.STRING)
    private AlarmState toState;

    private Instant at;

    private String reason;

    private String datapoints;

    @SuppressWarnings("NullAway.Init")
    protected AlertTransition() {
        // for JPA
    }

    AlertTransition(long alertId, AlarmState from, Evaluation evaluation, Instant at) {
        this.alertId = alertId;
        this.fromState = from;
        this.toState = evaluation.state();
        this.at = at;
        this.reason = Alert.truncate(evaluation.reason());
        String points = evaluation.datapoints()
            .stream()
            .map((v) -> (v != null) ? String.valueOf(v) : "-")
            .collect(Collectors.joining(" "));
        this.datapoints = (points.length() > 2000) ? points.substring(0, 2000) : points;
    }

    @Nullable Long id() {
        return this.id;
    }

    long alertId() {
        return this.alertId;
    }

    AlarmState fromState() {
        return this.fromState;
    }

    AlarmState toState() {
        return this.toState;
    }

    Instant at() {
        return this.at;
    }

    String reason() {
        return this.reason;
    }

    String datapoints() {
        return this.datapoints;
    }
}
