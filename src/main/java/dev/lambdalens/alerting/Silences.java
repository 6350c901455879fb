package dev.lambdalens.alerting;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers whether an alert is silenced at a moment, for the notification module and the pages.
 */
@Service
public class Silences {

    private final SilenceRepository silences;

    Silences(SilenceRepository silences) {
        this.silences = silences;
    }

    /** The id of a silence covering the rule's alert for {@code target} at {@code at}, if there is one. */
    @Transactional(readOnly = true)
    public Optional<Long> silencing(long ruleId, AlertTarget target, Instant at) {
        return this.silences.findByEndsAtAfterOrderByEndsAtAsc(at)
            .stream()
            .filter((s) -> s.silences(ruleId, target, at))
            .map(Silence::id)
            .findFirst();
    }
}
