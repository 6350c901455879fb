package dev.lambdalens.alerting;

import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Statistic;
import org.jspecify.annotations.Nullable;

/**
 * Everything a rule says, checked for consistency: the form and the API build one, the store keeps one.
 *
 * @param metric with {@link Signal#METRIC}, the metric compared
 * @param statistic with {@link Signal#METRIC}, its statistic
 * @param scopeValue the function name, name pattern or {@code key=value} tag the scope needs
 * @param account only this account, or every account when {@code null}
 * @param region only this region, or every region when {@code null}
 * @param channelIds the channels this rule notifies; empty means every channel whose minimum severity it meets
 */
public record RuleDefinition(String name, Signal signal, @Nullable LambdaMetric metric, @Nullable Statistic statistic,
        RuleScope scope, @Nullable String scopeValue, @Nullable String account, @Nullable String region,
        AlarmCondition condition, Severity severity, @Nullable String description, @Nullable String runbookUrl,
        boolean enabled, java.util.List<Long> channelIds) {

    public RuleDefinition {
        channelIds = java.util.List.copyOf(channelIds);
        if (name == null || name.isBlank()) {
            throw new InvalidRuleException("name", "a rule needs a name");
        }
        if (signal == Signal.METRIC) {
            if (metric == null || statistic == null) {
                throw new InvalidRuleException((metric == null) ? "metric" : "statistic",
                        (metric == null) ? "choose the metric to watch" : "choose a statistic of " + metric.metricName());
            }
            if (!metric.statistics().contains(statistic)) {
                throw new InvalidRuleException("statistic", statistic.wireName() + " is not collected for "
                        + metric.metricName() + ": choose " + String.join(" or ", metric.statistics()
                            .stream()
                            .map(Statistic::wireName)
                            .toList()));
            }
        }
        else if (metric != null || statistic != null) {
            throw new InvalidRuleException("metric", "only a metric rule names a metric: "
                    + ConditionWords.signalName(signal) + " is derived from the metrics it needs");
        }
        if (scope != RuleScope.ALL && (scopeValue == null || scopeValue.isBlank())) {
            throw new InvalidRuleException("scopeValue", "name "
                    + switch (scope) {
                        case FUNCTION -> "the function to watch";
                        case NAME_PATTERN -> "a name pattern such as orders-*";
                        case TAG -> "a tag, written key=value";
                        case ALL -> "";
                    });
        }
        if (scope == RuleScope.TAG && scopeValue != null && !scopeValue.contains("=")) {
            throw new InvalidRuleException("scopeValue", "a tag scope is written key=value");
        }
        if (scope != RuleScope.ALL && signal.accountLevel()) {
            throw new InvalidRuleException("scope", ConditionWords.signalName(signal) + " is about whole "
                    + "accounts: watch every function, with an account or region to narrow it");
        }
    }
}
