package dev.lambdalens.collector.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.MetricAvailability;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the records of one Firehose delivery in the JSON output format of a CloudWatch metric stream: each record's
 * data is base64 of newline-separated JSON objects, one per metric and minute, with {@code max}, {@code min},
 * {@code sum}, {@code count} (and any additional statistics such as {@code p99}). Metrics and dimension sets that
 * LambdaLens does not store are counted and left out; anything unreadable fails the whole delivery.
 */
final class MetricStreamRecords {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    /** A published version, as an alias runs it ({@code ExecutedVersion}). */
    private static final Pattern VERSION = Pattern.compile("\\d{1,10}");

    private MetricStreamRecords() {
    }

    /** Finds the function an event source mapping invokes, by account, region and UUID ({@code null}: unknown). */
    interface MappingOwners {

        @Nullable String functionOf(String account, String region, String uuid);
    }

    static Parsed parse(JsonNode delivery, JsonMapper json) {
        return parse(delivery, json, (account, region, uuid) -> null);
    }

    static Parsed parse(JsonNode delivery, JsonMapper json, MappingOwners owners) {
        JsonNode records = delivery.get("records");
        if (records == null || !records.isArray()) {
            throw new MalformedDeliveryException("the delivery has no records array");
        }
        Map<MinuteOf, MinuteValues> minutes = new LinkedHashMap<>();
        int skipped = 0;
        int updates = 0;
        for (int r = 0; r < records.size(); r++) {
            JsonNode data = records.get(r).get("data");
            if (data == null || !data.isString()) {
                throw new MalformedDeliveryException("record " + r + " has no data");
            }
            String text;
            try {
                text = new String(Base64.getDecoder().decode(data.asString()), StandardCharsets.UTF_8);
            }
            catch (IllegalArgumentException ex) {
                throw new MalformedDeliveryException("record " + r + ": data is not base64");
            }
            String[] lines = text.split("\n");
            for (int l = 0; l < lines.length; l++) {
                if (lines[l].isBlank()) {
                    continue;
                }
                JsonNode update;
                try {
                    update = json.readTree(lines[l]);
                }
                catch (JacksonException ex) {
                    throw new MalformedDeliveryException("record " + r + ", line " + (l + 1) + ": not JSON");
                }
                updates++;
                if (!add(update, minutes, owners, "record " + r + ", line " + (l + 1))) {
                    skipped++;
                }
            }
        }
        Map<SeriesKey, List<Point>> samples = new HashMap<>();
        minutes.forEach((minute, values) -> {
            for (Statistic statistic : minute.metric().statistics()) {
                Double figure = values.figure(statistic);
                if (figure != null) {
                    samples.computeIfAbsent(new SeriesKey(minute.account(), minute.region(), minute.function(),
                            minute.metric(), statistic), (k) -> new ArrayList<>()).add(new Point(minute.epochSecond(),
                                    figure));
                }
            }
        });
        return new Parsed(samples, updates, skipped);
    }

    /** Adds one metric update's statistics; returns false for a metric or dimension set not stored here. */
    private static boolean add(JsonNode update, Map<MinuteOf, MinuteValues> minutes, MappingOwners owners,
            String where) {
        String namespace = text(update, "namespace", where);
        String name = text(update, "metric_name", where);
        String account = text(update, "account_id", where);
        String region = text(update, "region", where);
        if (!ACCOUNT.matcher(account).matches() || !REGION.matcher(region).matches()) {
            throw new MalformedDeliveryException(where + ": account_id or region is not an AWS one");
        }
        JsonNode timestamp = update.get("timestamp");
        JsonNode value = update.get("value");
        if (timestamp == null || !timestamp.isNumber() || value == null || !value.isObject()) {
            throw new MalformedDeliveryException(where + ": needs a numeric timestamp and a value object");
        }
        JsonNode dimensions = update.path("dimensions");
        Optional<LambdaMetric> known = (dimensions.has("ExecutedVersion")
                ? LambdaMetric.byExecutedVersion(name)
                : LambdaMetric.fromMetricName(name).filter((m) -> m.cloudWatchName().equals(name)))
            .filter((m) -> m.namespace().equals(namespace));
        if (known.isEmpty()) {
            return false;
        }
        LambdaMetric metric = known.get();
        String function;
        if (dimensions.isEmpty()) {
            if (!metric.scope().perAccount()) {
                return false;
            }
            function = null;
        }
        else if (dimensions.size() == 1 && dimensions.has(metric.functionDimension())
                && metric.scope().perFunction() && !metric.qualified()) {
            function = dimensions.get(metric.functionDimension()).asString();
        }
        else if (metric.availability() == MetricAvailability.PROVISIONED_CONCURRENCY && dimensions.size() == 2
                && dimensions.has("FunctionName") && dimensions.has("Resource")
                && dimensions.get("Resource").asString().startsWith(dimensions.get("FunctionName").asString() + ":")) {
            function = dimensions.get("Resource").asString(); // function:alias or function:version
        }
        else if (metric.availability() == MetricAvailability.MAPPING_EVENT_COUNT && dimensions.size() == 1
                && dimensions.has("EventSourceMappingUUID")) {
            String uuid = dimensions.get("EventSourceMappingUUID").asString();
            String owner = owners.functionOf(account, region, uuid);
            if (owner == null) {
                return false; // a mapping discovery has not seen (yet): nothing to tie it to
            }
            function = owner + ":" + uuid;
        }
        else if (metric.availability() == MetricAvailability.EXECUTED_VERSION && dimensions.size() == 3
                && dimensions.has("FunctionName") && dimensions.has("Resource")
                && dimensions.get("Resource").asString().startsWith(dimensions.get("FunctionName").asString() + ":")
                && VERSION.matcher(dimensions.get("ExecutedVersion").asString()).matches()) {
            // function:alias:version, whether or not discovery has seen the alias weighted yet: a rollout's first
            // minutes are kept
            function = dimensions.get("Resource").asString() + ":" + dimensions.get("ExecutedVersion").asString();
        }
        else {
            // per alias of a metric kept per function (Resource alone): LambdaLens stores the function as a whole
            return false;
        }
        long minute = Math.floorDiv(timestamp.asLong(), 60_000) * 60;
        minutes.computeIfAbsent(new MinuteOf(account, region, function, metric, minute), (k) -> new MinuteValues())
            .add(number(value, "sum", where), number(value, "count", where), number(value, "max", where),
                    number(value, "min", where), value.has("p99") ? number(value, "p99", where) : null);
        return true;
    }

    /** One metric of one function (or account and region) in one minute: what several updates may share. */
    private record MinuteOf(String account, String region, @Nullable String function, LambdaMetric metric,
            long epochSecond) {
    }

    /**
     * The statistics of one minute, merged over every update of it in the delivery as CloudWatch aggregates: sums and
     * counts added, the maximum and minimum taken. A stream may send one minute in several updates; storing each
     * would keep only the last, and PostgreSQL refuses a batched upsert that touches one row twice.
     */
    private static final class MinuteValues {

        @Nullable Double sum;

        @Nullable Double count;

        @Nullable Double max;

        @Nullable Double min;

        /** Percentiles of parts do not combine: the largest is kept, an upper bound of the whole minute's p99. */
        @Nullable Double p99;

        void add(@Nullable Double sum, @Nullable Double count, @Nullable Double max, @Nullable Double min,
                @Nullable Double p99) {
            this.sum = combine(this.sum, sum, Double::sum);
            this.count = combine(this.count, count, Double::sum);
            this.max = combine(this.max, max, Math::max);
            this.min = combine(this.min, min, Math::min);
            this.p99 = combine(this.p99, p99, Math::max);
        }

        @Nullable Double figure(Statistic statistic) {
            return switch (statistic) {
                case SUM -> this.sum;
                case MAXIMUM -> this.max;
                case MINIMUM -> this.min;
                case AVERAGE -> (this.sum != null && this.count != null && this.count > 0) ? this.sum / this.count
                        : null;
                case P99 -> this.p99;
            };
        }

        private static @Nullable Double combine(@Nullable Double a, @Nullable Double b,
                java.util.function.BinaryOperator<Double> how) {
            if (a == null) {
                return b;
            }
            return (b == null) ? a : how.apply(a, b);
        }
    }

    private static Double number(JsonNode value, String field, String where) {
        JsonNode node = value.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new MalformedDeliveryException(where + ": value." + field + " is not a number");
        }
        return node.asDouble();
    }

    private static String text(JsonNode update, String field, String where) {
        JsonNode node = update.get(field);
        if (node == null || !node.isString() || node.asString().isBlank()) {
            throw new MalformedDeliveryException(where + ": " + field + " is missing");
        }
        return node.asString();
    }

    /**
     * @param updates metric updates read
     * @param skipped updates of metrics or dimension sets LambdaLens does not store
     */
    record Parsed(Map<SeriesKey, List<Point>> samples, int updates, int skipped) {
    }
}
