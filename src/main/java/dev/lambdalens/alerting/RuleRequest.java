package dev.lambdalens.alerting;

import java.time.Duration;

import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Statistic;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A rule as {@code POST} and {@code PUT /api/v1/alert-rules} take it.
 */
record RuleRequest(@NotBlank @Size(max = 200) @Nullable String name, @NotNull @Nullable Signal signal,
        @Nullable String metric, @Nullable String statistic, @Nullable RuleScope scope,
        @Size(max = 300) @Nullable String scopeValue,
        @Pattern(regexp = "\\d{12}", message = "must be a 12-digit account id") @Nullable String account,
        @Pattern(regexp = "[a-z]{2}(-[a-z]+)+-\\d+", message = "must be a region name such as us-east-1")
        @Nullable String region, @NotNull @Nullable Comparison comparison, @NotNull @Nullable Double threshold,
        @NotNull @Min(60) @Max(86_400) @Nullable Integer periodSeconds,
        @NotNull @Min(1) @Max(1440) @Nullable Integer evaluationPeriods,
        @NotNull @Min(1) @Max(1440) @Nullable Integer datapointsToAlarm, @Nullable MissingData missingData,
        @Nullable Severity severity, @Size(max = 1000) @Nullable String description,
        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        @Nullable String runbookUrl, @Nullable Boolean enabled,
        @Size(max = ChannelReferences.MAX_CHANNELS, message = "name at most {max} channels")
        java.util.@Nullable List<Long> channelIds,
        @Min(0) @Max(86_400) @Nullable Integer pendingForSeconds,
        @Min(0) @Max(86_400) @Nullable Integer keepFiringForSeconds) {

    /** The definition this request asks for, or an {@link InvalidRuleException} naming the field at fault. */
    RuleDefinition toDefinition() {
        if (this.signal == Signal.EXTERNAL) {
            throw new InvalidRuleException("signal", "EXTERNAL rules are kept by budgets, not written by hand");
        }
        LambdaMetric lambdaMetric = null;
        Statistic stat = null;
        if (this.metric != null) {
            lambdaMetric = LambdaMetric.fromMetricName(this.metric)
                .orElseThrow(() -> new InvalidRuleException("metric", "'" + this.metric + "' is not a collected metric"));
        }
        if (this.statistic != null) {
            stat = Statistic.fromWireName(this.statistic)
                .orElseThrow(() -> new InvalidRuleException("statistic", "'" + this.statistic + "' is not a statistic"));
        }
        AlarmCondition condition;
        try {
            condition = new AlarmCondition(this.comparison, this.threshold, Duration.ofSeconds(this.periodSeconds),
                    this.evaluationPeriods, this.datapointsToAlarm,
                    (this.missingData != null) ? this.missingData : MissingData.MISSING,
                    Duration.ofSeconds((this.pendingForSeconds != null) ? this.pendingForSeconds : 0),
                    Duration.ofSeconds((this.keepFiringForSeconds != null) ? this.keepFiringForSeconds : 0));
        }
        catch (IllegalArgumentException ex) {
            throw plainly(String.valueOf(ex.getMessage()));
        }
        return new RuleDefinition(this.name, this.signal, lambdaMetric, stat,
                (this.scope != null) ? this.scope : RuleScope.ALL, blankToNull(this.scopeValue),
                blankToNull(this.account), blankToNull(this.region), condition,
                (this.severity != null) ? this.severity : Severity.WARNING, blankToNull(this.description),
                blankToNull(this.runbookUrl), (this.enabled == null) || this.enabled,
                (this.channelIds != null) ? this.channelIds.stream().filter(java.util.Objects::nonNull).toList()
                        : java.util.List.of());
    }

    /**
     * The condition's refusal in the words of the form's labels, against the field a person changes to mend it (the
     * condition speaks of its own components: "datapointsToAlarm must be between 1 and evaluationPeriods (3)").
     */
    private static InvalidRuleException plainly(String message) {
        if (message.startsWith("period x")) {
            return new InvalidRuleException("evaluationPeriods",
                    "the period times the evaluation periods must not exceed one day, as for CloudWatch alarms");
        }
        if (message.startsWith("datapointsToAlarm")) {
            return new InvalidRuleException("datapointsToAlarm", "must be between 1 and the evaluation periods ("
                    + message.replaceAll(".*\\((\\d+)\\).*", "$1") + ")");
        }
        String field = message.split(" ")[0];
        String rest = message.substring(field.length()).trim();
        return switch (field) {
            case "period" -> new InvalidRuleException("periodSeconds", "must be a whole number of minutes in seconds "
                    + "(60, 300, ...), at least 60");
            case "pendingFor" -> new InvalidRuleException("pendingForSeconds", rest);
            case "keepFiringFor" -> new InvalidRuleException("keepFiringForSeconds", rest);
            default -> new InvalidRuleException(field, rest);
        };
    }

    /**
     * The request with its metric and statistic left out unless the signal is a metric: a form sends what its
     * metric choice shows whatever the signal, and a derived signal names none.
     */
    RuleRequest metricOnlyForMetricSignal() {
        if (this.signal == Signal.METRIC || this.signal == null) {
            return this;
        }
        return new RuleRequest(this.name, this.signal, null, null, this.scope, this.scopeValue, this.account,
                this.region, this.comparison, this.threshold, this.periodSeconds, this.evaluationPeriods,
                this.datapointsToAlarm, this.missingData, this.severity, this.description, this.runbookUrl,
                this.enabled, this.channelIds, this.pendingForSeconds, this.keepFiringForSeconds);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }
}
