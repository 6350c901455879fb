package dev.lambdalens.alerting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.lambdalens.inventory.FunctionPlace;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Statistic;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the rule form offers to choose from, in words: the signals and the statistics collected for each metric, the
 * accounts, regions and functions of the inventory, the channels by name. What a stored rule names stays offered even
 * where the inventory no longer has it, so that saving the form unchanged never changes the rule.
 */
@Component
class RuleFormOptions {

    private final Inventory inventory;

    private final ObjectProvider<ChannelDirectory> channels;

    RuleFormOptions(Inventory inventory, ObjectProvider<ChannelDirectory> channels) {
        this.inventory = inventory;
        this.channels = channels;
    }

    /** A value a form sends and the words it shows for it. */
    record Choice(String value, String label) {
    }

    /** A metric, with the statistics collected for it (comma-separated wire names) for the page script. */
    record MetricChoice(String value, String label, String statistics) {
    }

    /** Metrics that come from one place. */
    record MetricGroup(String label, List<MetricChoice> metrics) {
    }

    /** A function's name and where it runs, for the name's suggestions. */
    record FunctionChoice(String name, String where) {
    }

    void addTo(Model model, @Nullable RuleRequest shown) {
        model.addAttribute("signals", Arrays.stream(Signal.values())
            .filter((s) -> s != Signal.EXTERNAL)
            .map((s) -> new Choice(s.name(), signalWords(s)))
            .toList());
        model.addAttribute("accountLevelSignals", Arrays.stream(Signal.values())
            .filter(Signal::accountLevel)
            .map(Signal::name)
            .collect(Collectors.joining(",")));
        model.addAttribute("metricGroups", metricGroups());
        model.addAttribute("statistics", Arrays.stream(Statistic.values())
            .map((s) -> new Choice(s.wireName(), statisticWords(s)))
            .toList());
        model.addAttribute("scopes", Arrays.stream(RuleScope.values())
            .map((s) -> new Choice(s.name(), scopeWords(s)))
            .toList());
        model.addAttribute("comparisons", Arrays.stream(Comparison.values())
            .map((c) -> new Choice(c.name(), comparisonWords(c)))
            .toList());
        model.addAttribute("treatments", Arrays.stream(MissingData.values())
            .map((m) -> new Choice(m.name(), missingDataWords(m)))
            .toList());
        model.addAttribute("severities", Arrays.stream(Severity.values())
            .map((s) -> new Choice(s.name(), severityWords(s)))
            .toList());
        List<FunctionPlace> places = this.inventory.places();
        model.addAttribute("accounts", withShown(places.stream().map(FunctionPlace::account).toList(),
                (shown != null) ? shown.account() : null));
        model.addAttribute("regions", withShown(places.stream().map(FunctionPlace::region).toList(),
                (shown != null) ? shown.region() : null));
        Map<String, TreeSet<String>> where = new LinkedHashMap<>();
        places.forEach((p) -> where.computeIfAbsent(p.name(), (n) -> new TreeSet<>())
            .add(p.region() + " · " + p.account() + ((p.state() == dev.lambdalens.inventory.FunctionState.GONE) ? " (gone)" : "")));
        model.addAttribute("functions", where.entrySet()
            .stream()
            .map((e) -> new FunctionChoice(e.getKey(), String.join(", ", e.getValue())))
            .toList());
        ChannelDirectory directory = this.channels.getIfAvailable();
        model.addAttribute("channelChoices", (directory != null) ? directory.listed() : List.of());
    }

    private static List<String> withShown(List<String> known, @Nullable String shown) {
        TreeSet<String> values = new TreeSet<>(known);
        if (shown != null && !shown.isBlank()) {
            values.add(shown);
        }
        return new ArrayList<>(values);
    }

    private static List<MetricGroup> metricGroups() {
        Map<String, List<MetricChoice>> groups = new LinkedHashMap<>();
        for (LambdaMetric metric : LambdaMetric.values()) {
            String group = metric.fromLogs() ? "Read from the functions' logs (with log collection on)"
                    : metric.insights() ? "Lambda Insights (functions with the extension)" : "CloudWatch (AWS/Lambda)";
            groups.computeIfAbsent(group, (g) -> new ArrayList<>())
                .add(new MetricChoice(metric.metricName(), metric.metricName() + " ("
                        + metric.unit().name().toLowerCase(java.util.Locale.ROOT)
                        + (switch (metric.scope()) {
                            case ACCOUNT -> ", whole account only";
                            case FUNCTION -> ", per function only";
                            default -> "";
                        }) + ")",
                        metric.statistics().stream().map(Statistic::wireName).collect(Collectors.joining(","))));
        }
        return groups.entrySet().stream().map((e) -> new MetricGroup(e.getKey(), e.getValue())).toList();
    }

    /** A signal as the form offers it. */
    static String signalWords(Signal signal) {
        return switch (signal) {
            case METRIC -> "A metric, as collected";
            case ERROR_RATE -> "Error rate: errors as a % of invocations";
            case THROTTLE_RATE -> "Throttle rate: throttles as a % of invocations asked for";
            case ACCOUNT_CONCURRENCY_SHARE -> "Account concurrency: % of the account's concurrency limit in use";
            case RESERVED_CONCURRENCY_SHARE -> "Reserved concurrency: % of a function's reserved concurrency in use";
            case P99_SHARE_OF_TIMEOUT -> "p99 duration as a % of the function's timeout";
            case SPILLOVER_RATE -> "Spillover rate per alias or version: % beyond its provisioned concurrency";
            case ASYNC_AGE_SHARE -> "Async event age as a % of the function's maximum event age";
            case STREAM_LAG_SHARE -> "Stream lag (IteratorAge) as a % of the stream's retention";
            case EXTERNAL -> "Reported by a budget";
            case COLLECTION_FAILING -> "LambdaLens itself: minutes its collection has been failing";
            case DATA_LAG -> "LambdaLens itself: minutes its stored data lags behind now";
            case DISCOVERY_FAILING -> "LambdaLens itself: minutes its discovery has been failing";
        };
    }

    static String statisticWords(Statistic statistic) {
        return switch (statistic) {
            case SUM -> "Sum: the total of each period";
            case MAXIMUM -> "Maximum: the highest value of each period";
            case MINIMUM -> "Minimum: the lowest value of each period";
            case AVERAGE -> "Average of each period";
            case P99 -> "p99: the 99th percentile";
        };
    }

    static String scopeWords(RuleScope scope) {
        return switch (scope) {
            case ALL -> "Every function (or every account, for a whole-account signal)";
            case FUNCTION -> "One function";
            case NAME_PATTERN -> "Functions whose name matches a pattern";
            case TAG -> "Functions carrying a tag";
        };
    }

    static String comparisonWords(Comparison comparison) {
        return switch (comparison) {
            case GREATER_THAN_THRESHOLD -> "above the threshold (>)";
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> "at or above the threshold (≥)";
            case LESS_THAN_THRESHOLD -> "below the threshold (<)";
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> "at or below the threshold (≤)";
        };
    }

    static String missingDataWords(MissingData treatment) {
        return switch (treatment) {
            case MISSING -> "judge the periods that have data (CloudWatch's default)";
            case NOT_BREACHING -> "count as within the threshold";
            case BREACHING -> "count as breaching the threshold";
            case IGNORE -> "keep the current state";
        };
    }

    static String severityWords(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "Critical: wake someone up";
            case WARNING -> "Warning: look at it today";
            case INFO -> "Info: for the record";
        };
    }
}
