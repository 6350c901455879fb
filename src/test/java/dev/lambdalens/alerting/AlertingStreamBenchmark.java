package dev.lambdalens.alerting;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lambdalens.LambdaLensApplication;
import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.Inventory;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Metric Streams ingest with alerting on and off: 1,000 functions streamed minute by minute through the Firehose
 * endpoint (deliveries of 500 records), printing the ingest rate of each run and, with alerting on, the evaluation
 * passes per delivery (evaluation runs in the background, coalesced, so it is well under one). Not a test:
 * {@code ./mvnw -Pbench test-compile exec:java -Dbench.main=dev.lambdalens.alerting.AlertingStreamBenchmark}
 * ({@code -Dbench.minutes=1440} for a full day; default 240).
 */
public final class AlertingStreamBenchmark {

    static final String KEY = "bench-firehose-key-0123";

    static final String ACCOUNT = "123456789012";

    static final String REGION = "ap-south-1";

    private AlertingStreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int functions = Integer.getInteger("bench.functions", 1_000);
        int minutes = Integer.getInteger("bench.minutes", 240);
        List<String> rows = new ArrayList<>();
        for (boolean alerting : new boolean[] { false, true }) {
            rows.add(run(functions, minutes, alerting));
        }
        System.out.println();
        rows.forEach(System.out::println);
    }

    private static String run(int functions, int minutes, boolean alerting) throws Exception {
        Path dir = Files.createTempDirectory("lambdalens-alerting-bench");
        try (ConfigurableApplicationContext app = SpringApplication.run(LambdaLensApplication.class,
                "--server.port=0", "--lambdalens.collector.enabled=false",
                "--lambdalens.alerting.enabled=" + alerting, "--lambdalens.notification.enabled=false",
                "--lambdalens.cost.budgets-enabled=false", "--lambdalens.streams.enabled=true",
                "--lambdalens.streams.access-key=" + KEY, "--lambdalens.secrets.key-file=" + dir.resolve("key"),
                "--lambdalens.security.admin-password=bench-password-123",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--logging.level.root=WARN")) {
            List<DiscoveredFunction> discovered = new ArrayList<>();
            for (int f = 0; f < functions; f++) {
                discovered.add(new DiscoveredFunction(ACCOUNT, REGION, "fn-" + f,
                        "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:fn-" + f, "java21",
                        Architecture.ARM64, 1024, 30, null, 1_000_000, Map.of()));
            }
            app.getBean(Inventory.class).reconcile(ACCOUNT, REGION, discovered,
                    AccountLimits.unknown(ACCOUNT, REGION, Instant.now()), Instant.now());
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String base = "http://localhost:" + port;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            double passesBefore = passes(meters);
            long dayStart = (System.currentTimeMillis() / 60_000) * 60_000 - minutes * 60_000L;
            long updates = 0;
            long deliveries = 0;
            long began = System.nanoTime();
            StringBuilder records = new StringBuilder();
            int inDelivery = 0;
            for (int minute = 0; minute < minutes; minute++) {
                long ts = dayStart + minute * 60_000L;
                for (int f = 0; f < functions; f++) {
                    String fn = "{\"FunctionName\":\"fn-" + f + "\"}";
                    // every tenth function has 8% errors, above the shipped 5% rule
                    String lines = update("Invocations", fn, ts, "{\"max\":1,\"min\":1,\"sum\":100,\"count\":1}")
                            + "\n" + update("Errors", fn, ts, "{\"max\":1,\"min\":0,\"sum\":" + ((f % 10 == 0) ? 8 : 0)
                                    + ",\"count\":1}")
                            + "\n" + update("Duration", fn, ts,
                                    "{\"max\":900,\"min\":10,\"sum\":12000,\"count\":40,\"p99\":800}") + "\n";
                    records.append((inDelivery > 0) ? "," : "").append("{\"data\":\"")
                        .append(Base64.getEncoder().encodeToString(lines.getBytes(StandardCharsets.UTF_8)))
                        .append("\"}");
                    updates += 3;
                    if (++inDelivery == 500) {
                        post(http, base, records);
                        deliveries++;
                        records.setLength(0);
                        inDelivery = 0;
                    }
                }
            }
            if (inDelivery > 0) {
                post(http, base, records);
                deliveries++;
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            String evaluation = "";
            if (alerting) {
                EvaluationQueue queue = app.getBean(EvaluationQueue.class);
                long waited = System.nanoTime();
                while (!queue.idle()) {
                    Thread.sleep(50);
                }
                double passes = passes(meters) - passesBefore;
                evaluation = String.format(Locale.ROOT, "; %,.0f evaluation passes for %,d deliveries = %.3f per "
                        + "delivery; the last pass ended %.1f s after the last delivery; %,d alerts firing", passes,
                        deliveries, passes / deliveries, (System.nanoTime() - waited) / 1e9,
                        app.getBean(AlertBoard.class).firing().size());
            }
            return String.format(Locale.ROOT, "alerting %s: %,d minutes of %,d functions, %,d updates in %,d "
                    + "deliveries: %,.0f updates/s (%.1f s)%s", alerting ? "on " : "off", minutes, functions, updates,
                    deliveries, updates / seconds, seconds, evaluation);
        }
    }

    private static double passes(MeterRegistry meters) {
        io.micrometer.core.instrument.Counter counter = meters.find("lambdalens.alerting.passes").counter();
        return (counter != null) ? counter.count() : 0;
    }

    private static void post(HttpClient http, String base, StringBuilder records) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base
                + "/api/v1/metric-streams/firehose"))
            .header("X-Amz-Firehose-Access-Key", KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"requestId\":\"r\",\"timestamp\":0,\"records\":[" + records
                    + "]}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("Firehose endpoint answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private static String update(String metric, String dimensions, long ts, String value) {
        return "{\"metric_stream_name\":\"s\",\"account_id\":\"" + ACCOUNT + "\",\"region\":\"" + REGION + "\","
                + "\"namespace\":\"AWS/Lambda\",\"metric_name\":\"" + metric + "\",\"dimensions\":" + dimensions
                + ",\"timestamp\":" + ts + ",\"value\":" + value + ",\"unit\":\"None\"}";
    }
}
