package dev.lambdalens.alerting;

import java.time.Duration;
import java.time.Instant;

import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.MetricScope;
import dev.lambdalens.metrics.Statistic;
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
 * A rule: which signal of which functions to compare with a threshold, when that makes an alarm, and how urgent
 * it is.
 */
@Entity
@Table(name = "alert_rule")
class AlertRule {

    /** The source prefix of LambdaLens's own built-in rules reported by another module. */
    static final String BUILT_IN_SOURCE = "lambdalens:";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private String name;

    @Enumerated(EnumType.STRING)
    private Signal signal;

    private @Nullable String metric;

    private @Nullable String statistic;

    @Enumerated(EnumType.STRING)
    private RuleScope scope;

    private @Nullable String scopeValue;

    @Column(name = "account_id")
    private @Nullable String account;

    private @Nullable String region;

    @Enumerated(EnumType.STRING)
    private Comparison comparison;

    private double threshold;

    private int periodSeconds;

    private int evaluationPeriods;

    private int datapointsToAlarm;

    @Enumerated(EnumType.STRING)
    private MissingData missingData;

    @Enumerated(EnumType.STRING)
    private Severity severity;

    private @Nullable String description;

    private @Nullable String runbookUrl;

    private boolean enabled;

    private @Nullable String channelIds;

    private @Nullable String source;

    private int pendingForSeconds;

    private int keepFiringForSeconds;

    /** The provisioning file that declares this rule; such a rule changes only with its file. */
    private @Nullable String provisionedFrom;

    private Instant createdAt;

    private Instant updatedAt;

    /** Set when the rule is deleted but its alerts' history is kept. */
    private @Nullable Instant deletedAt;

    @SuppressWarnings("NullAway.Init")
    protected AlertRule() {
        // for JPA
    }

    AlertRule(RuleDefinition definition, Instant now) {
        this.createdAt = now;
        apply(definition, now);
    }

    /** A rule whose alerts {@code source} reports through {@link ExternalAlerts}. */
    AlertRule(String source, RuleDefinition definition, Instant now) {
        this(definition, now);
        this.source = source;
    }

    void apply(RuleDefinition d, Instant now) {
        this.name = d.name();
        this.signal = d.signal();
        this.metric = (d.metric() != null) ? d.metric().metricName() : null;
        this.statistic = (d.statistic() != null) ? d.statistic().wireName() : null;
        this.scope = d.scope();
        this.scopeValue = d.scopeValue();
        this.account = d.account();
        this.region = d.region();
        this.comparison = d.condition().comparison();
        this.threshold = d.condition().threshold();
        this.periodSeconds = (int) d.condition().period().toSeconds();
        this.evaluationPeriods = d.condition().evaluationPeriods();
        this.datapointsToAlarm = d.condition().datapointsToAlarm();
        this.missingData = d.condition().missingData();
        this.pendingForSeconds = (int) d.condition().pendingFor().toSeconds();
        this.keepFiringForSeconds = (int) d.condition().keepFiringFor().toSeconds();
        this.severity = d.severity();
        this.description = d.description();
        this.runbookUrl = d.runbookUrl();
        this.enabled = d.enabled();
        this.channelIds = d.channelIds().isEmpty() ? null
                : d.channelIds().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        this.updatedAt = now;
    }

    RuleDefinition definition() {
        return new RuleDefinition(this.name, this.signal,
                (this.metric != null) ? LambdaMetric.fromMetricName(this.metric).orElse(null) : null,
                (this.statistic != null) ? Statistic.fromWireName(this.statistic).orElse(null) : null, this.scope,
                this.scopeValue, this.account, this.region,
                new AlarmCondition(this.comparison, this.threshold, Duration.ofSeconds(this.periodSeconds),
                        this.evaluationPeriods, this.datapointsToAlarm, this.missingData,
                        Duration.ofSeconds(this.pendingForSeconds), Duration.ofSeconds(this.keepFiringForSeconds)),
                this.severity, this.description, this.runbookUrl, this.enabled,
                (this.channelIds == null || this.channelIds.isBlank()) ? java.util.List.of()
                        : java.util.Arrays.stream(this.channelIds.split(",")).map(Long::valueOf).toList());
    }

    @Nullable Long id() {
        return this.id;
    }

    boolean enabled() {
        return this.enabled;
    }

    /** Deleted, its alerts kept for their history; never evaluated again. */
    boolean deleted() {
        return this.deletedAt != null;
    }

    void delete(Instant at) {
        this.deletedAt = at;
        this.enabled = false;
        this.updatedAt = at;
    }

    /** What reports this rule's alerts, such as {@code budget:3}; {@code null} for a rule evaluated here. */
    @Nullable String source() {
        return this.source;
    }

    /**
     * Whether this is one of LambdaLens's own built-in rules that another module reports (such as "Notifications
     * given up"): an ordinary row a user may rename, route, re-grade, disable or delete, though what it watches is
     * fixed.
     */
    boolean builtIn() {
        return this.source != null && this.source.startsWith(BUILT_IN_SOURCE);
    }

    /**
     * A change by hand to a built-in rule: its name, severity, description, runbook, channels and whether it is
     * enabled; what it watches and how it is judged are kept.
     */
    void editBuiltIn(RuleRequest request, Instant now) {
        RuleDefinition kept = definition();
        apply(new RuleDefinition((request.name() != null) ? request.name() : kept.name(), kept.signal(), kept.metric(),
                kept.statistic(), kept.scope(), kept.scopeValue(), kept.account(), kept.region(), kept.condition(),
                (request.severity() != null) ? request.severity() : kept.severity(), request.description(),
                request.runbookUrl(), (request.enabled() == null) || request.enabled(),
                (request.channelIds() != null) ? request.channelIds() : java.util.List.of()), now);
    }

    /** Refuses a change by hand to a rule another module keeps. */
    void checkEditable() {
        if (this.provisionedFrom != null) {
            throw new ManagedRuleException("Alert rule " + this.id + " is provisioned from " + this.provisionedFrom
                    + ": change or remove it there");
        }
        if (this.source != null && !builtIn()) {
            throw new ManagedRuleException("Alert rule " + this.id + " is kept by " + this.source
                    + ": change or delete that instead");
        }
    }

    @Nullable String provisionedFrom() {
        return this.provisionedFrom;
    }

    void provisionedFrom(@Nullable String file) {
        this.provisionedFrom = file;
    }

    /** Whether each alert of this rule is about a whole account and region rather than one function. */
    boolean accountLevel() {
        if (this.signal == Signal.METRIC && this.metric != null) {
            return LambdaMetric.fromMetricName(this.metric).map((m) -> m.scope() == MetricScope.ACCOUNT).orElse(false);
        }
        return this.signal.accountLevel();
    }
}
