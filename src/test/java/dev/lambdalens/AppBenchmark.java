package dev.lambdalens;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

import dev.lambdalens.collector.CycleRunner;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application on the embedded default (H2 file): overview render time over HTTP, then a full day of 1,000
 * functions pushed through the Metric Streams endpoint (its ingest rate), then heap and RSS of the process holding
 * it. Not a test: {@code ./mvnw -Pbench test-compile exec:java -Dbench.main=dev.lambdalens.AppBenchmark}.
 */
public final class AppBenchmark {

    static final String TOKEN = "bench-token-0123456789abcdef0123456789";

    static final String KEY = "bench-firehose-key-0123";

    /** The last full day before now, so that the overview's last hour has data. */
    static final long DAY_START = (System.currentTimeMillis() / 60_000) * 60_000 - 86_400_000L;

    private AppBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int functions = Integer.getInteger("bench.functions", 1_000);
        Path dir = Files.createTempDirectory("lambdalens-app-bench");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LambdaLensApplication.class).run(
                "--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--lambdalens.collector.enabled=false", "--lambdalens.alerting.enabled=false",
                "--lambdalens.notification.enabled=false", "--lambdalens.cost.budgets-enabled=false",
                "--lambdalens.retention.enabled=false", "--lambdalens.security.bootstrap-token=" + TOKEN,
                "--lambdalens.security.admin-password=bench-password-123", "--lambdalens.streams.enabled=true",
                "--lambdalens.streams.access-key=" + KEY, "--lambdalens.secrets.key-file=" + dir.resolve("key"),
                "--logging.level.root=WARN")) {
            String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            CycleRunner.runCycle(app); // the demo account's day: 14 functions in 2 regions
            java.util.List<dev.lambdalens.inventory.DiscoveredFunction> discovered = new java.util.ArrayList<>();
            for (int f = 0; f < functions; f++) {
                discovered.add(new dev.lambdalens.inventory.DiscoveredFunction("123456789012", "ap-south-1", "fn-" + f,
                        "arn:aws:lambda:ap-south-1:123456789012:function:fn-" + f, "java21",
                        dev.lambdalens.inventory.Architecture.ARM64, 1024, 30, null, 1_000_000,
                        java.util.Map.of("team", "t" + (f % 10))));
            }
            app.getBean(dev.lambdalens.inventory.Inventory.class).reconcile("123456789012", "ap-south-1", discovered,
                    dev.lambdalens.inventory.AccountLimits.unknown("123456789012", "ap-south-1", java.time.Instant.now()),
                    java.time.Instant.now());
            // a full day of 1,000 functions through Metric Streams: Invocations, Duration, ConcurrentExecutions
            long updates = 0;
            long samples = 0;
            long began = System.nanoTime();
            StringBuilder records = new StringBuilder();
            int inDelivery = 0;
            for (int minute = 0; minute < 1_440; minute++) {
                long ts = DAY_START + minute * 60_000L;
                for (int f = 0; f < functions; f++) {
                    String fn = "{\"FunctionName\":\"fn-" + f + "\"}";
                    String lines = update("Invocations", fn, ts, "{\"max\":1,\"min\":1,\"sum\":" + (f % 50 + minute % 7)
                            + ",\"count\":1}") + "\n" + update("Duration", fn, ts,
                            "{\"max\":900,\"min\":10,\"sum\":12000,\"count\":40,\"p99\":800}") + "\n"
                            + update("ConcurrentExecutions", fn, ts, "{\"max\":5,\"min\":1,\"sum\":60,\"count\":60}")
                            + "\n";
                    if (inDelivery > 0) {
                        records.append(',');
                    }
                    records.append("{\"data\":\"").append(Base64.getEncoder().encodeToString(
                            lines.getBytes(StandardCharsets.UTF_8))).append("\"}");
                    updates += 3;
                    samples += 1 + 4 + 1;
                    if (++inDelivery == 500) {
                        post(http, base, records);
                        records.setLength(0);
                        inDelivery = 0;
                    }
                }
            }
            if (inDelivery > 0) {
                post(http, base, records);
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            String streams = String.format(Locale.ROOT, "| Metric Streams ingest (%,d updates, %,d samples, deliveries "
                    + "of 500 records) | %,.0f updates/s, %,.0f samples/s (%.0f s) |", updates, samples,
                    updates / seconds, samples / seconds, seconds);
            System.out.println(streams);
            long[] nanos = new long[100];
            long first = 0;
            for (int i = -30; i < nanos.length; i++) {
                long t = System.nanoTime();
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() != 200) {
                    throw new IllegalStateException("overview answered " + page.statusCode());
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t;
                }
                else if (i == -30) {
                    first = System.nanoTime() - t;
                }
            }
            Arrays.sort(nanos);
            String overview = String.format(Locale.ROOT, "| overview page (%,d + 14 functions, a day stored) | first %.0f "
                    + "ms, then p50 %.1f ms, p95 %.1f ms |", functions, first / 1e6, nanos[50] / 1e6, nanos[95] / 1e6);
            System.out.println(overview);

            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter((l) -> l.startsWith("VmRSS"))
                .findFirst()
                .orElse("VmRSS: ?")
                .replaceAll("\\s+", " ");
            String memory = String.format(Locale.ROOT, "| memory after a full day of %,d functions (%,d samples "
                    + "stored) | heap used after GC %,d MB, %s |", functions, samples, heap / 1024 / 1024, rss);
            System.out.println(memory);
            System.out.println();
            System.out.println("| measure | result |");
            System.out.println("|---|---|");
            System.out.println(overview);
            System.out.println(streams);
            System.out.println(memory);
        }
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
        return "{\"metric_stream_name\":\"s\",\"account_id\":\"123456789012\",\"region\":\"ap-south-1\","
                + "\"namespace\":\"AWS/Lambda\",\"metric_name\":\"" + metric + "\",\"dimensions\":" + dimensions
                + ",\"timestamp\":" + ts + ",\"value\":" + value + ",\"unit\":\"None\"}";
    }
}
