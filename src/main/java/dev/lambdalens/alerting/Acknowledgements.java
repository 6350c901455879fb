package dev.lambdalens.alerting;

import java.time.Clock;
import java.time.Instant;

import dev.lambdalens.AuditableChange;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Acknowledges a firing alert for whoever is signed in: on the alert, in its history (a row that keeps the state)
 * and in the audit log.
 */
@Component
class Acknowledgements {

    private final AlertTransitionRepository transitions;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    Acknowledgements(AlertTransitionRepository transitions, ApplicationEventPublisher events, Clock clock) {
        this.transitions = transitions;
        this.events = events;
        this.clock = clock;
    }

    /** In the caller's transaction; the alert is in ALARM. */
    void acknowledge(Alert alert, String by, @Nullable String comment) {
        Instant now = this.clock.instant();
        alert.acknowledge(by, comment, now);
        String reason = "acknowledged by " + by + ((comment != null && !comment.isBlank()) ? ": " + comment : "");
        this.transitions.save(new AlertTransition(alert.id(), alert.state(),
                Evaluation.settled(alert.state(), reason), now));
        this.events.publishEvent(new AuditableChange("ACKNOWLEDGED", "alert", String.valueOf(alert.id()), null,
                java.util.Map.of("by", by, "comment", (comment != null) ? comment : "", "at", now.toString())));
    }
}
