package dev.lambdalens.alerting;

import java.time.Instant;
import java.util.List;
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
        return inForce(at).silencing(ruleId, target);
    }

    /**
     * The silences in force at {@code at}, read once to ask about many alerts: a group of a thousand changes is one
     * query, not a thousand (each of which would also flush the evaluation's session).
     */
    @Transactional(readOnly = true)
    public InForce inForce(Instant at) {
        return new InForce(this.silences.findByEndsAtAfterOrderByEndsAtAsc(at), at);
    }

    /** Silences read at one moment. */
    public static final class InForce {

        private final List<Silence> silences;

        private final Instant at;

        InForce(List<Silence> silences, Instant at) {
            this.silences = silences;
            this.at = at;
        }

        /** The id of a silence covering the rule's alert for {@code target}, if there is one. */
        public Optional<Long> silencing(long ruleId, AlertTarget target) {
            return this.silences.stream().filter((s) -> s.silences(ruleId, target, this.at)).map(Silence::id)
                .findFirst();
        }
    }
}
