package dev.lambdalens.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.Inventory;

/** Functions, log lines and Firehose deliveries of CloudWatch Logs subscriptions, as AWS writes them. */
final class LogsFixtures {

    static final String ACCOUNT = "111122223333";

    static final String REGION = "eu-west-1";

    /** 2026-11-28T08:00:00Z. */
    static final long MINUTE_MS = 1_795_852_800_000L;

    private LogsFixtures() {
    }

    static void functions(Inventory inventory, Instant now) {
        inventory.reconcile(ACCOUNT, REGION, List.of(function("orders", 512, "nodejs22.x"),
                function("billing", 1024, "java21"), function("custom-logs", 256, "python3.12")),
                new AccountLimits(ACCOUNT, REGION, 1000, 900, now), now);
    }

    static DiscoveredFunction function(String name, int memory, String runtime) {
        return new DiscoveredFunction(ACCOUNT, REGION, name, "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:"
                + name, runtime, Architecture.X86_64, memory, 30, null, 5_000_000, Map.of(), 0, 0, null, 512, null,
                false);
    }

    static String report(String requestId, String rest) {
        return "REPORT RequestId: " + requestId + "\t" + rest + "\t\n";
    }

    /** One subscription message: {@code [id, timestampMs, message]} per event. */
    static String dataMessage(String logGroup, String logStream, Object[]... events) {
        List<String> json = new ArrayList<>();
        for (Object[] e : events) {
            json.add("{\"id\":\"" + e[0] + "\",\"timestamp\":" + e[1] + ",\"message\":" + quote((String) e[2]) + "}");
        }
        return "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"" + ACCOUNT + "\",\"logGroup\":\"" + logGroup
                + "\",\"logStream\":\"" + logStream + "\",\"subscriptionFilters\":[\"lambdalens\"],\"logEvents\":["
                + String.join(",", json) + "]}";
    }

    static String controlMessage() {
        return "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\",\"logStream\":\"\","
                + "\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1795852800000,\"message\":"
                + "\"CWL CONTROL MESSAGE: Checking health of destination Firehose.\"}]}";
    }

    static String gzipRecord(String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(message.getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static String plainRecord(String message) {
        return Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8));
    }

    static String delivery(String requestId, String... base64Records) {
        List<String> records = new ArrayList<>();
        for (String r : base64Records) {
            records.add("{\"data\":\"" + r + "\"}");
        }
        return "{\"requestId\":\"" + requestId + "\",\"timestamp\":" + MINUTE_MS + ",\"records\":["
                + String.join(",", records) + "]}";
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
