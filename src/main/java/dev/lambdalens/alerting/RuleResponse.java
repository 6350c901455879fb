package dev.lambdalens.alerting;

import org.jspecify.annotations.Nullable;

/**
 * A rule as the API answers it.
 */
record RuleResponse(long id, String name, Signal signal, @Nullable String metric, @Nullable String statistic,
        RuleScope scope, @Nullable String scopeValue, @Nullable String account, @Nullable String region,
        Comparison comparison, double threshold, long periodSeconds, int evaluationPeriods, int datapointsToAlarm,
        MissingData missingData, Severity severity, @Nullable String description, @Nullable String runbookUrl,
        boolean enabled, java.util.List<Long> channelIds, long pendingForSeconds, long keepFiringForSeconds, @Nullable String provisionedFrom) {

    static RuleResponse of(AlertRule rule) {
        RuleDefinition d = rule.definition();
        AlarmCondition c = d.condition();
        return new RuleResponse(rule.id(), d.name(), d.signal(), (d.metric() != null) ? d.metric().metricName() : null,
                (d.statistic() != null) ? d.statistic().wireName() : null, d.scope(), d.scopeValue(), d.account(),
                d.region(), c.comparison(), c.threshold(), c.period().toSeconds(), c.evaluationPeriods(),
                c.datapointsToAlarm(), c.missingData(), d.severity(), d.description(), d.runbookUrl(), d.enabled(),
                d.channelIds(), c.pendingFor().toSeconds(), c.keepFiringFor().toSeconds(), rule.provisionedFrom());
    }
}
