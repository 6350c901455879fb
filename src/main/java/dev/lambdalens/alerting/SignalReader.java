package dev.lambdalens.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.FunctionTriggers;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.FunctionRef;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.MetricAvailability;
import dev.lambdalens.metrics.Statistic;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Reads a rule's signal for each of its targets over an evaluation range: one query per stored series the signal
 * needs, for all targets together, then one value per period (or none, where the period had no data).
 */
@Component
class SignalReader {

    private final StoredColumns columns;

    private final Inventory inventory;

    SignalReader(StoredColumns columns, Inventory inventory) {
        this.columns = columns;
        this.inventory = inventory;
    }

    /** {@link #read(RuleDefinition, List, Instant, int, Long)} straight from the store, keeping nothing. */
    Map<AlertTarget, List<@Nullable Double>> read(RuleDefinition rule, List<FunctionSummary> functions, Instant start,
            int periods) {
        return read(rule, functions, start, periods, null);
    }

    /**
     * @param functions the inventory, read once for a whole evaluation pass
     * @param start the beginning of the oldest period of the range
     * @param keptFor the rule whose stored values are kept for its next pass ({@link StoredColumns}), or {@code null}
     * @return per target, one value per period, oldest first, {@code null} where there is none
     */
    Map<AlertTarget, List<@Nullable Double>> read(RuleDefinition rule, List<FunctionSummary> functions, Instant start,
            int periods, @Nullable Long keptFor) {
        Duration period = rule.condition().period();
        long step = period.toSeconds();
        long from = start.getEpochSecond();
        long end = from + step * periods;
        Map<AlertTarget, List<@Nullable Double>> values = new LinkedHashMap<>();
        switch (rule.signal()) {
            case EXTERNAL, COLLECTION_FAILING, DATA_LAG, DISCOVERY_FAILING -> {
                // reported, or read from the collector by SelfSignals
            }
            case METRIC -> {
                boolean accountLevel = rule.metric().scope() == dev.lambdalens.metrics.MetricScope.ACCOUNT;
                Map<FunctionRef, double[]> series = this.columns.read(keptFor, rule.metric(), rule.statistic(),
                        accountLevel, from, end, step);
                for (AlertTarget target : accountLevel ? accountTargets(rule, functions) : functionTargets(rule, functions).keySet()) {
                    values.put(target, column(series.get(ref(target)), periods));
                }
            }
            case ACCOUNT_CONCURRENCY_SHARE -> {
                Map<FunctionRef, double[]> series = this.columns.read(keptFor, LambdaMetric.CONCURRENT_EXECUTIONS,
                        Statistic.MAXIMUM, true, from, end, step);
                for (AlertTarget target : accountTargets(rule, functions)) {
                    Integer limit = this.inventory.limits(target.account(), target.region())
                        .map(AccountLimits::concurrencyLimit)
                        .orElse(null);
                    List<@Nullable Double> used = column(series.get(ref(target)), periods);
                    values.put(target, scaled(used, (limit != null && limit > 0) ? 100.0 / limit : null));
                }
            }
            case ERROR_RATE, THROTTLE_RATE -> {
                LambdaMetric part = (rule.signal() == Signal.ERROR_RATE) ? LambdaMetric.ERRORS : LambdaMetric.THROTTLES;
                Map<FunctionRef, double[]> parts = this.columns.read(keptFor, part, Statistic.SUM, false, from, end,
                        step);
                Map<FunctionRef, double[]> invocations = this.columns.read(keptFor, LambdaMetric.INVOCATIONS,
                        Statistic.SUM, false, from, end, step);
                for (AlertTarget target : functionTargets(rule, functions).keySet()) {
                    List<@Nullable Double> numerator = column(parts.get(ref(target)), periods);
                    List<@Nullable Double> invoked = column(invocations.get(ref(target)), periods);
                    List<@Nullable Double> rate = new ArrayList<>(periods);
                    for (int i = 0; i < periods; i++) {
                        double n = (numerator.get(i) != null) ? numerator.get(i) : 0;
                        double inv = (invoked.get(i) != null) ? invoked.get(i) : 0;
                        double denominator = (rule.signal() == Signal.ERROR_RATE) ? inv : inv + n;
                        rate.add((denominator > 0) ? 100 * n / denominator : null);
                    }
                    values.put(target, rate);
                }
            }
            case RESERVED_CONCURRENCY_SHARE -> perFunctionShare(rule, functions, LambdaMetric.CONCURRENT_EXECUTIONS,
                    Statistic.MAXIMUM, (f) -> (f.reservedConcurrency() != null) ? f.reservedConcurrency() : 0, from,
                    end, periods, keptFor, values);
            case P99_SHARE_OF_TIMEOUT -> perFunctionShare(rule, functions, LambdaMetric.DURATION, Statistic.P99,
                    (f) -> f.timeoutSeconds() * 1000.0, from, end, periods, keptFor, values);
            case ASYNC_AGE_SHARE -> {
                Map<String, Map<String, FunctionTriggers>> triggers = new HashMap<>();
                perFunctionShare(rule, functions, LambdaMetric.ASYNC_EVENT_AGE, Statistic.MAXIMUM,
                        (f) -> maximumEventAgeMs(triggersOf(f, triggers)), from, end, periods, keptFor, values);
            }
            case STREAM_LAG_SHARE -> {
                Map<String, Map<String, FunctionTriggers>> triggers = new HashMap<>();
                perFunctionShare(rule, functions, LambdaMetric.ITERATOR_AGE, Statistic.MAXIMUM,
                        (f) -> streamRetentionMs(triggersOf(f, triggers)), from, end, periods, keptFor, values);
            }
            case SPILLOVER_RATE -> {
                // per alias or version with provisioned concurrency, each its own share
                Map<FunctionRef, double[]> spilled = this.columns.read(keptFor,
                        LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, Statistic.SUM, false, from, end,
                        step);
                Map<FunctionRef, double[]> served = this.columns.read(keptFor,
                        LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS, Statistic.SUM, false, from, end, step);
                for (AlertTarget target : functionTargets(rule, functions).keySet()) {
                    List<@Nullable Double> over = column(spilled.get(ref(target)), periods);
                    List<@Nullable Double> on = column(served.get(ref(target)), periods);
                    List<@Nullable Double> rate = new ArrayList<>(periods);
                    for (int i = 0; i < periods; i++) {
                        double s = (over.get(i) != null) ? over.get(i) : 0;
                        double all = s + ((on.get(i) != null) ? on.get(i) : 0);
                        rate.add((all > 0) ? 100 * s / all : null);
                    }
                    values.put(target, rate);
                }
            }
        }
        return values;
    }

    /** The maximum event age in force, in milliseconds: the configured one, or Lambda's default of six hours. */
    static double maximumEventAgeMs(FunctionTriggers triggers) {
        dev.lambdalens.inventory.AsyncInvocation async = triggers.setup().asyncInvocation();
        return 1000.0 * ((async != null) ? async.effectiveMaximumEventAgeSeconds()
                : dev.lambdalens.inventory.AsyncInvocation.DEFAULT_MAXIMUM_EVENT_AGE_SECONDS);
    }

    /**
     * How long a record may wait before the function loses it, in milliseconds: the shortest of its stream mappings'
     * maximum record ages where set (older records are discarded), else 24 hours (DynamoDB Streams' retention, and
     * Kinesis' unless extended, which LambdaLens cannot see without reading the stream).
     */
    static double streamRetentionMs(FunctionTriggers triggers) {
        return triggers.mappings()
            .stream()
            .filter((m) -> m.kind().stream())
            .mapToDouble((m) -> (m.maximumRecordAgeSeconds() != null && m.maximumRecordAgeSeconds() > 0)
                    ? m.maximumRecordAgeSeconds() : DEFAULT_STREAM_RETENTION_SECONDS)
            .min()
            .orElse(DEFAULT_STREAM_RETENTION_SECONDS) * 1000.0;
    }

    static final double DEFAULT_STREAM_RETENTION_SECONDS = 86_400;

    private FunctionTriggers triggersOf(FunctionSummary f, Map<String, Map<String, FunctionTriggers>> cache) {
        return cache.computeIfAbsent(f.account() + "/" + f.region(), (k) -> this.inventory.triggers(f.account(),
                f.region()))
            .getOrDefault(f.name(), FunctionTriggers.none(f.name()));
    }

    /**
     * The targets the rule watches now, as {@link #read} judges them: its in-scope active functions (those the
     * signal can be computed for), or their aliases, versions or mappings ({@link #functionTargets}), or the accounts
     * and regions they are in.
     */
    Set<AlertTarget> targets(RuleDefinition rule, List<FunctionSummary> functions) {
        boolean accountLevel = switch (rule.signal()) {
            case METRIC -> rule.metric() != null && rule.metric().scope() == dev.lambdalens.metrics.MetricScope.ACCOUNT;
            case ACCOUNT_CONCURRENCY_SHARE, EXTERNAL, COLLECTION_FAILING, DATA_LAG, DISCOVERY_FAILING -> true;
            default -> false;
        };
        if (rule.signal() == Signal.EXTERNAL) {
            return Set.of();
        }
        if (accountLevel) {
            return accountTargets(rule, functions);
        }
        Set<AlertTarget> targets = new LinkedHashSet<>();
        functionTargets(rule, functions).forEach((target, f) -> {
            boolean computable = switch (rule.signal()) {
                case RESERVED_CONCURRENCY_SHARE -> f.reservedConcurrency() != null && f.reservedConcurrency() > 0;
                case P99_SHARE_OF_TIMEOUT -> f.timeoutSeconds() > 0;
                default -> true;
            };
            if (computable) {
                targets.add(target);
            }
        });
        return targets;
    }

    private void perFunctionShare(RuleDefinition rule, List<FunctionSummary> functions, LambdaMetric metric,
            Statistic statistic,
            ToDoubleFunction<FunctionSummary> whole, long from, long end, int periods, @Nullable Long keptFor,
            Map<AlertTarget, List<@Nullable Double>> values) {
        long step = rule.condition().period().toSeconds();
        Map<FunctionRef, double[]> series = this.columns.read(keptFor, metric, statistic, false, from, end, step);
        functionTargets(rule, functions).forEach((target, function) -> {
            double of = whole.applyAsDouble(function);
            if (of > 0) {
                values.put(target, scaled(column(series.get(ref(target)), periods), 100.0 / of));
            }
        });
    }

    /**
     * The functions a rule watches: active ones in its account and region, within its scope, and for a metric only
     * some functions' triggers publish (stream, asynchronous, dead-letter, destination, recursion metrics) only those
     * whose triggers do, as the collector fetches it. For a metric kept per alias, version or mapping (and the
     * spillover rate), one target {@code function:qualifier} per qualifier the function's triggers give.
     */
    Map<AlertTarget, FunctionSummary> functionTargets(RuleDefinition rule, List<FunctionSummary> functions) {
        Pattern pattern = (rule.scope() == RuleScope.NAME_PATTERN && rule.scopeValue() != null)
                ? glob(rule.scopeValue()) : null;
        MetricAvailability availability = triggerAvailability(rule);
        MetricAvailability qualifiedBy = qualifiedBy(rule);
        Map<String, Map<String, FunctionTriggers>> triggers = new HashMap<>();
        Map<AlertTarget, FunctionSummary> targets = new LinkedHashMap<>();
        for (FunctionSummary f : functions) {
            if (f.state() != dev.lambdalens.inventory.FunctionState.ACTIVE || !inAccountAndRegion(rule, f)) {
                continue;
            }
            boolean inScope = switch (rule.scope()) {
                case ALL -> true;
                case FUNCTION -> f.name().equals(rule.scopeValue());
                case NAME_PATTERN -> pattern != null && pattern.matcher(f.name()).matches();
                case TAG -> hasTag(f, rule.scopeValue());
            };
            if (!inScope || (availability != null && !exists(availability, triggersOf(f, triggers), f))) {
                continue;
            }
            if (qualifiedBy == null) {
                targets.put(new AlertTarget(f.account(), f.region(), f.name()), f);
            }
            else {
                for (String qualifier : triggersOf(f, triggers).qualifiers(qualifiedBy)) {
                    targets.put(AlertTarget.qualified(f.account(), f.region(), f.name(), qualifier), f);
                }
            }
        }
        return targets;
    }

    /**
     * For a rule on a metric kept per alias, version or mapping (or the spillover rate, derived from two such), that
     * metric's availability: the rule watches each qualifier the function's triggers give, each on its own stored
     * series; {@code null} for the others.
     */
    private static @Nullable MetricAvailability qualifiedBy(RuleDefinition rule) {
        if (rule.signal() == Signal.SPILLOVER_RATE) {
            return MetricAvailability.PROVISIONED_CONCURRENCY;
        }
        return (rule.signal() == Signal.METRIC && rule.metric() != null && rule.metric().qualified())
                ? rule.metric().availability() : null;
    }

    /**
     * Why the rule's metric cannot exist for an active function (what its triggers lack), or for the alias, version
     * or mapping {@code qualifier} of it (gone from its triggers), or {@code null} where it can or the rule's metric
     * exists for every function.
     */
    @Nullable String cannotExist(RuleDefinition rule, FunctionSummary f, @Nullable String qualifier) {
        MetricAvailability qualifiedBy = qualifiedBy(rule);
        if (qualifiedBy != null && qualifier != null) {
            FunctionTriggers triggers = this.inventory.triggers(f.account(), f.region(), f.name());
            if (triggers.qualifiers(qualifiedBy).contains(qualifier)) {
                return null;
            }
            return "the " + AlertTarget.qualifierWords(qualifier) + " of " + f.name() + " is gone (or no longer has "
                    + FunctionTriggers.requirement(qualifiedBy) + "), so " + signalName(rule) + " cannot exist for it";
        }
        MetricAvailability availability = triggerAvailability(rule);
        if (availability == null
                || exists(availability, this.inventory.triggers(f.account(), f.region(), f.name()), f)) {
            return null;
        }
        return f.name() + " no longer has " + FunctionTriggers.requirement(availability) + ", so " + signalName(rule)
                + " cannot exist for it";
    }

    private static String signalName(RuleDefinition rule) {
        return (rule.signal() == Signal.METRIC) ? rule.metric().metricName() : ConditionWords.signalName(rule);
    }

    /**
     * Where the function's triggers decide whether the rule's signal exists, what they must give: a metric rule's
     * metric's availability (stream, asynchronous, dead-letter, destination and recursion metrics) or what a derived
     * signal is read from; {@code null} where every function has it.
     */
    private static @Nullable MetricAvailability triggerAvailability(RuleDefinition rule) {
        return switch (rule.signal()) {
            case METRIC -> (rule.metric() == null) ? null : switch (rule.metric().availability()) {
                case STREAM_MAPPING, KAFKA_MAPPING, ASYNC_INVOCATION, DEAD_LETTER_QUEUE, DESTINATION, RECURSION ->
                    rule.metric().availability();
                default -> null;
            };
            case SPILLOVER_RATE -> MetricAvailability.PROVISIONED_CONCURRENCY;
            case ASYNC_AGE_SHARE -> MetricAvailability.ASYNC_INVOCATION;
            case STREAM_LAG_SHARE -> MetricAvailability.STREAM_MAPPING;
            default -> null;
        };
    }

    private static boolean exists(MetricAvailability availability, FunctionTriggers triggers, FunctionSummary f) {
        return triggers.publishes(availability, f.lambdaInsights()) || !triggers.qualifiers(availability).isEmpty();
    }

    private static Set<AlertTarget> accountTargets(RuleDefinition rule, List<FunctionSummary> functions) {
        Set<AlertTarget> targets = new LinkedHashSet<>();
        for (FunctionSummary f : functions) {
            if (inAccountAndRegion(rule, f)) {
                targets.add(new AlertTarget(f.account(), f.region(), ""));
            }
        }
        return targets;
    }

    private static boolean inAccountAndRegion(RuleDefinition rule, FunctionSummary f) {
        return (rule.account() == null || rule.account().equals(f.account()))
                && (rule.region() == null || rule.region().equals(f.region()));
    }

    private static boolean hasTag(FunctionSummary f, @Nullable String tag) {
        if (tag == null) {
            return false;
        }
        int eq = tag.indexOf('=');
        return tag.substring(eq + 1).equals(f.tags().get(tag.substring(0, eq)));
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString());
    }

    private static FunctionRef ref(AlertTarget target) {
        return new FunctionRef(target.account(), target.region(), target.function());
    }

    private static List<@Nullable Double> column(double @Nullable [] stored, int periods) {
        List<@Nullable Double> column = new ArrayList<>(periods);
        for (int i = 0; i < periods; i++) {
            double value = (stored != null && i < stored.length) ? stored[i] : Double.NaN;
            column.add(Double.isNaN(value) ? null : value);
        }
        return column;
    }

    private static List<@Nullable Double> scaled(List<@Nullable Double> values, @Nullable Double factor) {
        List<@Nullable Double> scaled = new ArrayList<>(values.size());
        for (Double value : values) {
            scaled.add((value != null && factor != null) ? value * factor : null);
        }
        return scaled;
    }
}
