package dev.lambdalens.collector.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
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

    private MetricStreamRecords() {
    }

    static Parsed parse(JsonNode delivery, JsonMapper json) {
        JsonNode records = delivery.get("records");
        if (records == null || !records.isArray()) {
            throw new MalformedDeliveryException("the delivery has no records array");
        }
        Map<SeriesKey, List<Point>> samples = new HashMap<>();
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
                if (!add(update, samples, "record " + r + ", line " + (l + 1))) {
                    skipped++;
                }
            }
        }
        return new Parsed(samples, updates, skipped);
    }

    /** Adds one metric update's statistics; returns false for a metric or dimension set not stored here. */
    private static boolean add(JsonNode update, Map<SeriesKey, List<Point>> samples, String where) {
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
        Optional<LambdaMetric> known = LambdaMetric.fromMetricName(name).filter((m) -> m.namespace().equals(namespace));
        if (known.isEmpty()) {
            return false;
        }
        LambdaMetric metric = known.get();
        JsonNode dimensions = update.path("dimensions");
        String function;
        if (dimensions.isEmpty()) {
            if (!metric.scope().perAccount()) {
                return false;
            }
            function = null;
        }
        else if (dimensions.size() == 1 && dimensions.has(metric.functionDimension())
                && metric.scope().perFunction()) {
            function = dimensions.get(metric.functionDimension()).asString();
        }
        else {
            return false; // per version, alias or resource: LambdaLens stores the function as a whole
        }
        long minute = Math.floorDiv(timestamp.asLong(), 60_000) * 60;
        for (Statistic statistic : metric.statistics()) {
            Double figure = figure(statistic, value, where);
            if (figure != null) {
                samples.computeIfAbsent(new SeriesKey(account, region, function, metric, statistic),
                        (k) -> new ArrayList<>()).add(new Point(minute, figure));
            }
        }
        return true;
    }

    private static Double figure(Statistic statistic, JsonNode value, String where) {
        return switch (statistic) {
            case SUM -> number(value, "sum", where);
            case MAXIMUM -> number(value, "max", where);
            case MINIMUM -> number(value, "min", where);
            case AVERAGE -> {
                Double sum = number(value, "sum", where);
                Double count = number(value, "count", where);
                yield (sum != null && count != null && count > 0) ? sum / count : null;
            }
            case P99 -> value.has("p99") ? number(value, "p99", where) : null;
        };
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
