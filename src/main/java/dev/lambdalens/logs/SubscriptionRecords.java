package dev.lambdalens.logs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import dev.lambdalens.inventory.FunctionSummary;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the records of one Firehose delivery from a CloudWatch Logs subscription: each record's data is base64 of
 * the gzip-compressed subscription message (or, where Firehose decompresses, of the message itself), a
 * {@code DATA_MESSAGE} with its log group and events or a {@code CONTROL_MESSAGE} that CloudWatch Logs sends to
 * check the destination. Anything unreadable, or a log group of no known function, fails the whole delivery.
 */
final class SubscriptionRecords {

    private static final int MAX_DECOMPRESSED = 16 * 1024 * 1024;

    private SubscriptionRecords() {
    }

    /** What a delivery holds, per function, and how many control messages it acknowledged. */
    record Parsed(List<LogIngest.FunctionEvents> functions, int controlMessages, int events) {
    }

    static Parsed parse(JsonNode delivery, JsonMapper json, Resolver resolver) {
        JsonNode records = delivery.get("records");
        if (records == null || !records.isArray()) {
            throw new MalformedLogDeliveryException("the delivery has no records array");
        }
        Map<FunctionSummary, List<LogEvent>> events = new LinkedHashMap<>();
        int control = 0;
        int count = 0;
        for (int r = 0; r < records.size(); r++) {
            String where = "record " + r;
            JsonNode data = records.get(r).get("data");
            if (data == null || !data.isString()) {
                throw new MalformedLogDeliveryException(where + " has no data");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(data.asString());
            }
            catch (IllegalArgumentException ex) {
                throw new MalformedLogDeliveryException(where + ": data is not base64");
            }
            for (JsonNode message : messages(gunzipIfCompressed(bytes, where), json, where)) {
                String type = message.path("messageType").asString("");
                if ("CONTROL_MESSAGE".equals(type)) {
                    control++;
                    continue;
                }
                if (!"DATA_MESSAGE".equals(type)) {
                    throw new MalformedLogDeliveryException(where + ": messageType is neither DATA_MESSAGE nor "
                            + "CONTROL_MESSAGE (Firehose's message extraction drops the log group: turn it off)");
                }
                String owner = text(message, "owner", where);
                String logGroup = text(message, "logGroup", where);
                String version = LogEvent.versionOf(message.path("logStream").asString(""));
                FunctionSummary function = resolver.function(owner, logGroup);
                if (function == null) {
                    throw new MalformedLogDeliveryException(where + ": log group " + logGroup + " of account " + owner
                            + " belongs to no monitored function");
                }
                JsonNode logEvents = message.get("logEvents");
                if (logEvents == null || !logEvents.isArray()) {
                    throw new MalformedLogDeliveryException(where + ": a DATA_MESSAGE needs a logEvents array");
                }
                for (JsonNode e : logEvents) {
                    if (!e.path("id").isString() || !e.path("timestamp").isNumber() || !e.path("message").isString()) {
                        throw new MalformedLogDeliveryException(where + ": each log event needs an id, a numeric "
                                + "timestamp and a message");
                    }
                    events.computeIfAbsent(function, (f) -> new ArrayList<>())
                        .add(new LogEvent(ErrorFingerprint.truncate(e.get("id").asString(), 64),
                                e.get("timestamp").asLong(), e.get("message").asString(), version));
                    count++;
                }
            }
        }
        List<LogIngest.FunctionEvents> functions = new ArrayList<>();
        events.forEach((f, list) -> functions.add(new LogIngest.FunctionEvents(f.account(), f.region(), f.name(),
                list)));
        return new Parsed(functions, control, count);
    }

    /** Resolves a log group of an account to its function. */
    interface Resolver {

        @Nullable FunctionSummary function(String account, String logGroup);
    }

    private static byte[] gunzipIfCompressed(byte[] bytes, String where) {
        if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
            return bytes; // Firehose decompressed it already
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            byte[] out = in.readNBytes(MAX_DECOMPRESSED + 1);
            if (out.length > MAX_DECOMPRESSED) {
                throw new MalformedLogDeliveryException(where + ": decompresses to more than 16 MB");
            }
            return out;
        }
        catch (IOException ex) {
            throw new MalformedLogDeliveryException(where + ": data is not valid gzip");
        }
    }

    /** A record may hold several subscription messages one after the other. */
    private static List<JsonNode> messages(byte[] bytes, JsonMapper json, String where) {
        List<JsonNode> messages = new ArrayList<>();
        try (MappingIterator<JsonNode> values = json.readerFor(JsonNode.class)
            .readValues(new String(bytes, StandardCharsets.UTF_8))) {
            while (values.hasNextValue()) {
                JsonNode message = values.nextValue();
                if (message == null || !message.isObject()) {
                    throw new MalformedLogDeliveryException(where + ": not a subscription message");
                }
                messages.add(message);
            }
        }
        catch (JacksonException ex) {
            throw new MalformedLogDeliveryException(where + ": not a subscription message (not JSON)");
        }
        if (messages.isEmpty()) {
            throw new MalformedLogDeliveryException(where + ": empty");
        }
        return messages;
    }

    private static String text(JsonNode message, String field, String where) {
        JsonNode node = message.get(field);
        if (node == null || !node.isString() || node.asString().isBlank()) {
            throw new MalformedLogDeliveryException(where + ": " + field + " is missing");
        }
        return node.asString();
    }
}
