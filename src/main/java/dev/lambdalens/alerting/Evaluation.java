package dev.lambdalens.alerting;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of evaluating a rule once, with what decided it, for the alert's history.
 *
 * @param state the state the rule is in after this evaluation
 * @param datapoints the evaluation range, oldest first, {@code null} where a period had no datapoint
 * @param breaching how many of the judged periods breached (filled periods included)
 * @param judged how many periods were judged
 * @param reason the decision in words
 */
public record Evaluation(AlarmState state, List<@Nullable Double> datapoints, int breaching, int judged,
        String reason) {

    /** The same outcome, explained otherwise. */
    Evaluation because(String why) {
        return new Evaluation(this.state, this.datapoints, this.breaching, this.judged, why);
    }

    /** An outcome decided by the rule's lifecycle rather than by datapoints (a rule disabled, a function gone). */
    static Evaluation settled(AlarmState state, String why) {
        return new Evaluation(state, List.of(), 0, 0, why);
    }
}
