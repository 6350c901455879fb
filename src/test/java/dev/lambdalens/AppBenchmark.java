package dev.lambdalens;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.testing.EmbeddedPostgresSupport;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application in a process of its own, as a user runs it ({@code -Xmx512m}), driven over HTTP: a full day
 * of 1,000 functions pushed through the Metric Streams endpoint (its ingest rate), how soon roll-up has caught up
 * with it, the overview's render time with those functions (right after new data, a moment later, and in a row),
 * then heap and RSS of that process.
 * Not a test: {@code ./mvnw -Pbench test-compile exec:java -Dbench.main=dev.lambdalens.AppBenchmark}, with
 * {@code -Dbench.database=postgresql} for an embedded PostgreSQL (as an unprivileged user) instead of the H2 file;
 * {@code -Dbench.minutes}, {@code -Dbench.functions}, {@code -Dbench.heap} and {@code -Dbench.jvm-options} (say, a
 * flight recording) change the set-up.
 */
public final class AppBenchmark {

    static final String TOKEN = "bench-token-0123456789abcdef0123456789";

    static final String KEY = "bench-firehose-key-0123";

    static final String ACCOUNT = "123456789012";

    static final String REGION = "ap-south-1";

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private static final Pattern ROLLUP_PENDING = Pattern.compile("(?m)^lambdalens_rollup_pending_hours (\\S+)$");

    /** The application's default: a pass every five minutes, the first a minute after start. */
    private static final String RETENTION_INTERVAL = "5m";

    private AppBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "serve".equals(args[0])) {
            serve(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int functions = Integer.getInteger("bench.functions", 1_000);
        String database = System.getProperty("bench.database", "h2");
        String heap = System.getProperty("bench.heap", "512m");
        Path dir = Files.createTempDirectory("lambdalens-app-bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(javaBinary().toString(), "-Xmx" + heap));
        String options = System.getProperty("bench.jvm-options", "");
        if (!options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", classpath(), AppBenchmark.class.getName(), "serve", String.valueOf(functions), "--server.port=" + port,
                "--lambdalens.collector.enabled=false", "--lambdalens.alerting.enabled=false",
                "--lambdalens.notification.enabled=false", "--lambdalens.cost.budgets-enabled=false",
                "--lambdalens.retention.interval=" + RETENTION_INTERVAL, "--lambdalens.security.bootstrap-token=" + TOKEN,
                "--lambdalens.security.admin-password=bench-password-123", "--lambdalens.streams.enabled=true",
                "--lambdalens.streams.access-key=" + KEY, "--lambdalens.secrets.key-file=" + dir.resolve("key"),
                "--logging.level.root=WARN"));
        int minutes = Integer.getInteger("bench.minutes", 1_440);
        if ("postgresql".equals(database)) {
            command.add("--spring.profiles.active=postgres");
            command.add("--spring.datasource.url=" + EmbeddedPostgresSupport.freshDatabaseUrl("appbench"));
            command.add("--spring.datasource.username=postgres");
            command.add("--spring.datasource.password=");
        }
        else {
            command.add("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        }
        Process app = new ProcessBuilder(command).inheritIO().start();
        try {
            String base = "http://localhost:" + port;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitReady(http, base, app);
            List<String> rows = new ArrayList<>();
            rows.add(streams(http, base, functions, minutes, database));
            rows.add(rollups(http, base, database));
            rows.add(overview(http, base, functions, database));
            rows.add(memory(app, functions, database, heap));
            System.out.println();
            System.out.println("| database | measure | result |");
            System.out.println("|---|---|---|");
            rows.forEach(System.out::println);
        }
        finally {
            app.destroy();
            app.waitFor();
        }
    }

    /** The child: the application, plus the 1,000 functions in its inventory as if discovered. */
    private static void serve(String[] args) {
        int functions = Integer.parseInt(args[0]);
        ConfigurableApplicationContext app = SpringApplication.run(LambdaLensApplication.class,
                Arrays.copyOfRange(args, 1, args.length));
        List<DiscoveredFunction> discovered = new ArrayList<>();
        for (int f = 0; f < functions; f++) {
            discovered.add(new DiscoveredFunction(ACCOUNT, REGION, "fn-" + f,
                    "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:fn-" + f, "java21", Architecture.ARM64,
                    1024, 30, null, 1_000_000, Map.of("team", "t" + (f % 10))));
        }
        app.getBean(Inventory.class).reconcile(ACCOUNT, REGION, discovered,
                AccountLimits.unknown(ACCOUNT, REGION, Instant.now()), Instant.now());
        System.out.println("bench: the application is up with " + functions + " functions");
    }

    private static void awaitReady(HttpClient http, String base, Process app) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("The application exited with " + app.exitValue());
            }
            try {
                HttpResponse<String> functions = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/v1/functions")).header("Authorization", "Bearer " + TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (functions.statusCode() == 200 && functions.body().contains("\"fn-0\"")) {
                    return;
                }
            }
            catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The application did not come up within 3 minutes");
    }

    /** A full day of every function through Metric Streams: Invocations, Duration, ConcurrentExecutions. */
    private static String streams(HttpClient http, String base, int functions, int minutes, String database) throws Exception {
        long dayStart = (System.currentTimeMillis() / 60_000) * 60_000 - minutes * 60_000L;
        long updates = 0;
        long samples = 0;
        long began = System.nanoTime();
        StringBuilder records = new StringBuilder();
        int inDelivery = 0;
        for (int minute = 0; minute < minutes; minute++) {
            long ts = dayStart + minute * 60_000L;
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
                records.append("{\"data\":\"")
                    .append(Base64.getEncoder().encodeToString(lines.getBytes(StandardCharsets.UTF_8)))
                    .append("\"}");
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
        return print(String.format(Locale.ROOT, "| %s | Metric Streams ingest, %,d minutes of %,d functions (%,d "
                + "updates, %,d samples, deliveries of 500 records) | %,.0f updates/s, %,.0f samples/s (%.0f s) |",
                database, minutes, functions, updates, samples, updates / seconds, samples / seconds, seconds));
    }

    /**
     * How long after the last delivery roll-up had caught up (no hour waiting), the state of an instance that has run
     * through the day; the overview is measured from there.
     */
    private static String rollups(HttpClient http, String base, String database) throws Exception {
        long began = System.nanoTime();
        long deadline = began + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
            Matcher pending = ROLLUP_PENDING.matcher(scrape.body());
            if (scrape.statusCode() == 200 && pending.find() && Double.parseDouble(pending.group(1)) == 0) {
                return print(String.format(Locale.ROOT, "| %s | roll-up after the day (a pass every %s) | every hour "
                        + "rolled up %.0f s after the last delivery |", database, RETENTION_INTERVAL,
                        (System.nanoTime() - began) / 1e9));
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("Roll-up had not caught up 15 minutes after the last delivery");
    }

    /**
     * The overview over HTTP. Right after new data: each render follows a delivery of one more minute at once, and
     * so waits for the figures of every function to be read again. A moment after: the same, two seconds on, by
     * when the read the delivery started in the background is done. In a row: renders that reuse the figures.
     */
    private static String overview(HttpClient http, String base, int functions, String database) throws Exception {
        String last = "fn-" + (functions - 1);
        long[] cold = new long[25];
        for (int i = -5; i < cold.length; i++) {
            deliverOneMinute(http, base, i);
            long nanos = render(http, base, last);
            if (i >= 0) {
                cold[i] = nanos;
            }
        }
        long[] later = new long[10];
        for (int i = 0; i < later.length; i++) {
            deliverOneMinute(http, base, 30 + i);
            Thread.sleep(2_000);
            later[i] = render(http, base, last);
        }
        long[] warm = new long[100];
        for (int i = -20; i < warm.length; i++) {
            long nanos = render(http, base, last);
            if (i >= 0) {
                warm[i] = nanos;
            }
        }
        Arrays.sort(cold);
        Arrays.sort(later);
        Arrays.sort(warm);
        return print(String.format(Locale.ROOT, "| %s | overview page over HTTP, %,d functions | right after new data "
                + "(25 renders) p50 %.0f ms, max %.0f ms; 2 s after it (10) p50 %.0f ms, max %.0f ms; in a row (100) "
                + "p50 %.1f ms, p95 %.1f ms |", database, functions, cold[12] / 1e6, cold[24] / 1e6, later[5] / 1e6,
                later[9] / 1e6, warm[50] / 1e6, warm[95] / 1e6));
    }

    /** One more Invocations minute of fn-0, within the last hour. */
    private static void deliverOneMinute(HttpClient http, String base, int minutesAgo) throws Exception {
        long ts = (System.currentTimeMillis() / 60_000 - 5 - minutesAgo) * 60_000;
        String line = update("Invocations", "{\"FunctionName\":\"fn-0\"}", ts,
                "{\"max\":1,\"min\":1,\"sum\":3,\"count\":1}");
        post(http, base, new StringBuilder("{\"data\":\"")
            .append(Base64.getEncoder().encodeToString((line + "\n").getBytes(StandardCharsets.UTF_8)))
            .append("\"}"));
    }

    private static long render(HttpClient http, String base, String lastFunction) throws Exception {
        long began = System.nanoTime();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
            .header("Authorization", "Bearer " + TOKEN)
            .build(), HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - began;
        if (nanos > 3_000_000_000L) {
            System.err.printf(Locale.ROOT, "bench: a render took %.1f s, ending at %s%n", nanos / 1e9, Instant.now());
        }
        if (page.statusCode() != 200 || !page.body().contains(lastFunction)) {
            throw new IllegalStateException("The overview answered " + page.statusCode() + " without every function");
        }
        return nanos;
    }

    /** Heap used after a full GC (jcmd) and the resident set of the application's process. */
    private static String memory(Process app, int functions, String database, String heap) throws Exception {
        Path jcmd = javaBinary().resolveSibling("jcmd");
        run(jcmd.toString(), String.valueOf(app.pid()), "GC.run");
        String heapInfo = run(jcmd.toString(), String.valueOf(app.pid()), "GC.heap_info");
        Matcher used = HEAP_USED.matcher(heapInfo);
        long usedMb = used.find() ? Long.parseLong(used.group(1)) / 1024 : -1;
        String rss = Files.readAllLines(Path.of("/proc/" + app.pid() + "/status"))
            .stream()
            .filter((l) -> l.startsWith("VmRSS"))
            .map((l) -> l.replaceAll("\\D+", ""))
            .findFirst()
            .orElse("-1");
        return print(String.format(Locale.ROOT, "| %s | memory of the application's process (-Xmx%s) after a day of "
                + "%,d functions | heap used after GC %,d MB, RSS %,d MB |", database, heap, functions, usedMb,
                Long.parseLong(rss) / 1024));
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private static Path javaBinary() {
        return Path.of(ProcessHandle.current().info().command().orElse("java"));
    }

    /** The benchmark's own class path (exec:java runs it in a class loader of its own, not on java.class.path). */
    private static String classpath() {
        ClassLoader loader = AppBenchmark.class.getClassLoader();
        if (loader instanceof URLClassLoader urls) {
            return Arrays.stream(urls.getURLs()).map(AppBenchmark::path).collect(Collectors.joining(":"));
        }
        return System.getProperty("java.class.path");
    }

    private static String path(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        }
        catch (java.net.URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String print(String row) {
        System.out.println(row);
        return row;
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
