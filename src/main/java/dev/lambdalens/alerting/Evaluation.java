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
}
