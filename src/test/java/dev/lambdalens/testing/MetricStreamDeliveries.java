package dev.lambdalens.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Firehose deliveries of a CloudWatch metric stream in the JSON output format, built as Firehose and CloudWatch
 * send them: a delivery of records, each record base64 of newline-separated metric updates.
 */
public final class MetricStreamDeliveries {

    private MetricStreamDeliveries() {
    }

    /** A delivery request body holding {@code records}. */
    public static String delivery(String requestId, long timestampMillis, String... records) {
        return "{\"requestId\": \"" + requestId + "\", \"timestamp\": " + timestampMillis + ", \"records\": ["
                + String.join(",", records) + "]}";
    }

    /** One record: the updates, one JSON object per line, base64-encoded. */
    public static String record(String... updates) {
        return "{\"data\": \"" + Base64.getEncoder()
            .encodeToString((String.join("\n", updates) + "\n").getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    /** One metric update as a metric stream writes it. */
    public static String update(String account, String region, String namespace, String metric, String dimensions,
            long timestampMillis, String value) {
        return "{\"metric_stream_name\":\"lambdalens\",\"account_id\":\"" + account + "\",\"region\":\"" + region
                + "\",\"namespace\":\"" + namespace + "\",\"metric_name\":\"" + metric + "\",\"dimensions\":"
                + dimensions + ",\"timestamp\":" + timestampMillis + ",\"value\":" + value + ",\"unit\":\"None\"}";
    }
}
