package dev.lambdalens.logs;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.collector.MetricsCollected;
import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SampleStore;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.runtime.ClusterTasks;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LimitExceededException;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResultField;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The pull path: Logs Insights queries over the REPORT lines of the selected functions, aggregated per minute and
 * log group in the query itself, so that only a few rows per function and minute come back. At most
 * {@code max-concurrent-queries} run at once per account and region; a {@code LimitExceededException} (the account's
 * own limit, shared with its other users) waits for one of ours to finish; an answer that reaches the row limit is
 * asked again in halves; nothing starts once the month's scans reach the cap. Each function's watermark moves only
 * over windows whose every query completed.
 */
@Component
class InsightsPull {

    /** REPORT fields are discovered by Logs Insights in Lambda log groups; memory fields are in bytes. */
    static final String QUERY = """
            filter @type = "REPORT"
            | parse @message /Status: (?<timedOut>timeout)/
            | parse @message /Error Type: (?<oom>Runtime\\.OutOfMemory)/
            | stats count(*) as invocations, count(@initDuration) as coldStarts, sum(@initDuration) as initSum,
                max(@initDuration) as initMax, pct(@initDuration, 99) as initP99, max(@maxMemoryUsed) as maxMemory,
                max(@maxMemoryUsed / @memorySize) as memoryShare, sum(@billedDuration) as billedMs,
                sum(@billedDuration * @memorySize) as billedMsBytes, count(timedOut) as timeouts, count(oom) as oom
                by bin(1m) as minute, @log""";

    /**
     * The error lines the push path's subscription filter sends (runtimes' error shapes, {@code ERROR} and
     * {@code FATAL} levels, timeouts), one row each, read by the same parser; never the REPORT lines, which the
     * first query counts (matched by their text: {@code @type} exists only in the text log format, and a comparison
     * with a missing field matches nothing).
     */
    static final String ERRORS_QUERY = """
            fields @timestamp, @message, @logStream, @log, @ptr
            | filter @message not like /^REPORT RequestId/ and @message like /ERROR|FATAL|Task timed out|\
            Traceback|Exception|Runtime exited|errorType|Runtime\\.OutOfMemory/
            | sort @timestamp asc""";

    private static final Logger log = LoggerFactory.getLogger(InsightsPull.class);

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private final LogsInsightsClients clients;

    private final LogsProperties properties;

    private final InsightsUsage usage;

    private final LogGroups logGroups;

    private final Inventory inventory;

    private final SampleStore samples;

    private final JdbcClient jdbc;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final ClusterTasks cluster;

    private final MeterRegistry meters;

    private final LogIngest ingest;

    InsightsPull(LogsInsightsClients clients, LogsProperties properties, InsightsUsage usage, LogGroups logGroups,
            Inventory inventory, SampleStore samples, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock,
            ClusterTasks cluster, MeterRegistry meters, LogIngest ingest) {
        this.clients = clients;
        this.properties = properties;
        this.usage = usage;
        this.logGroups = logGroups;
        this.inventory = inventory;
        this.samples = samples;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.cluster = cluster;
        this.meters = meters;
        this.ingest = ingest;
    }

    /** What one run did in one account and region. */
    record Outcome(int queries, int completed, int limitExceeded, int failed, int rows, boolean capReached) {
    }

    /**
     * Pulls every account and region with selected functions; one failing never stops the others. Each account and
     * region is pulled by one instance at a time, under a lock held (renewed) while its queries run and for most of
     * an interval after: two instances never run the same queries (nor pay for them twice), and a region just
     * pulled by one is not pulled again by another for the last few minutes. Instances running at once share the
     * regions between them.
     */
    void runAll() {
        Map<String, List<FunctionSummary>> byRegion = new HashMap<>();
        this.inventory.functions()
            .stream()
            .filter((f) -> f.state() == FunctionState.ACTIVE && glob(this.properties.insights().functions(), f.name()))
            .forEach((f) -> byRegion.computeIfAbsent(f.account() + "/" + f.region(), (k) -> new ArrayList<>()).add(f));
        byRegion.forEach((key, functions) -> {
            try {
                String account = functions.get(0).account();
                String region = functions.get(0).region();
                boolean ran = this.cluster.runOnce("logs-insights:" + key, quietAfterRun(), () -> {
                    pull(account, region, functions);
                    this.meters.counter("lambdalens.logs.insights.pulls", "account", account, "region", region)
                        .increment();
                });
                if (!ran) {
                    log.debug("Logs Insights pull of {} skipped: another instance pulls it", key);
                }
            }
            catch (RuntimeException ex) {
                log.warn("Logs Insights pull of {} failed: {}", key, ex.getMessage());
            }
        });
    }

    /** Nine tenths of the interval: the next run of any instance after this one is about an interval later. */
    private java.time.Duration quietAfterRun() {
        return this.properties.insights().interval().multipliedBy(9).dividedBy(10);
    }

    /** Queries the minutes since each function's watermark, up to now less the settle delay. */
    Outcome pull(String account, String region, List<FunctionSummary> functions) {
        LogsProperties.Insights settings = this.properties.insights();
        Instant now = this.clock.instant();
        long to = now.minus(settings.settleDelay()).truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
        Deque<Work> queue = new ArrayDeque<>();
        List<FunctionSummary> chunk = new ArrayList<>();
        for (FunctionSummary f : functions) {
            chunk.add(f);
            if (chunk.size() == settings.maxLogGroupsPerQuery()) {
                addWork(queue, account, region, chunk, to);
                chunk = new ArrayList<>();
            }
        }
        addWork(queue, account, region, chunk, to);
        CloudWatchLogsClient client = this.clients.client(account, region);
        List<Running> running = new ArrayList<>();
        int started = 0;
        int completed = 0;
        int limited = 0;
        int failed = 0;
        int rows = 0;
        boolean waitForOne = false;
        boolean capReached = false;
        while (!queue.isEmpty() || !running.isEmpty()) {
            while (!queue.isEmpty() && !waitForOne && running.size() < settings.maxConcurrentQueries()) {
                if (this.usage.capReached()) {
                    capReached = true;
                    queue.forEach((w) -> w.window().failed = true);
                    queue.clear();
                    break;
                }
                Work work = queue.poll();
                try {
                    String id = client.startQuery((r) -> r.logGroupNames(work.logGroups())
                        .startTime(work.from())
                        .endTime(work.to() - 1) // endTime is inclusive; minutes are [from, to)
                        .queryString(work.errors() ? ERRORS_QUERY : QUERY)
                        .limit(settings.rowsPerQuery())).queryId();
                    running.add(new Running(work, id, this.clock.millis()));
                    started++;
                }
                catch (LimitExceededException ex) {
                    limited++;
                    queue.addFirst(work);
                    waitForOne = true; // the account's limit is shared: wait until one of ours is done
                }
            }
            if (running.isEmpty()) {
                // refused with nothing of ours running: the rest waits for the next run
                queue.forEach((w) -> w.window().failed = true);
                break;
            }
            sleep(settings.pollInterval().toMillis());
            for (Running r : List.copyOf(running)) {
                GetQueryResultsResponse answer;
                try {
                    answer = client.getQueryResults((q) -> q.queryId(r.id()));
                }
                catch (SdkException ex) {
                    log.warn("GetQueryResults {} failed: {}", r.id(), ex.getMessage());
                    continue;
                }
                QueryStatus status = answer.status();
                if (status == QueryStatus.SCHEDULED || status == QueryStatus.RUNNING) {
                    if (this.clock.millis() - r.startedAt() > settings.queryTimeout().toMillis()) {
                        stop(client, r.id());
                        running.remove(r);
                        r.work().window().failed = true;
                        failed++;
                        waitForOne = false;
                        r.work().window().pending--;
                        finish(r.work().window());
                    }
                    continue;
                }
                running.remove(r);
                waitForOne = false;
                if (answer.statistics() != null && answer.statistics().bytesScanned() != null) {
                    this.usage.add(account, region, Math.round(answer.statistics().bytesScanned()));
                }
                else {
                    this.usage.add(account, region, 0);
                }
                if (status != QueryStatus.COMPLETE) {
                    failed++;
                    r.work().window().failed = true;
                    r.work().window().pending--;
                    finish(r.work().window());
                    continue;
                }
                completed++;
                List<List<ResultField>> results = answer.results();
                Work w = r.work();
                if (results.size() >= settings.rowsPerQuery() && w.to() - w.from() > 60) {
                    // the answer may be cut: ask again for each half of the window
                    long middle = w.from() + Math.floorDiv((w.to() - w.from()) / 60, 2) * 60;
                    w.window().pending++; // one query becomes two
                    queue.addFirst(new Work(w.logGroups(), w.window(), middle, w.to(), w.errors()));
                    queue.addFirst(new Work(w.logGroups(), w.window(), w.from(), middle, w.errors()));
                    continue;
                }
                rows += results.size();
                if (w.errors()) {
                    storeErrors(account, region, results);
                }
                else {
                    store(account, region, results);
                }
                w.window().pending--;
                finish(w.window());
            }
        }
        return new Outcome(started, completed, limited, failed, rows, capReached);
    }

    private void addWork(Deque<Work> queue, String account, String region, List<FunctionSummary> functions, long to) {
        if (functions.isEmpty()) {
            return;
        }
        long from = to;
        for (FunctionSummary f : functions) {
            from = Math.min(from, watermark(account, region, f.name(), to));
        }
        if (from >= to) {
            return;
        }
        Window window = new Window(account, region, functions.stream().map(FunctionSummary::name).toList(), to);
        List<String> groups = functions.stream().map((f) -> this.logGroups.logGroupOf(f.name())).toList();
        window.pending = 1;
        queue.add(new Work(groups, window, from, to, false));
        if (this.properties.insights().errors()) {
            // a second query over the same window, under the same concurrency limit and cap
            window.pending++;
            queue.add(new Work(groups, window, from, to, true));
        }
    }

    private long watermark(String account, String region, String function, long to) {
        return this.jdbc.sql("select until_ts from log_insights_watermark where account_id = ? and region = ? "
                + "and function_name = ?")
            .params(account, region, function)
            .query(Long.class)
            .optional()
            .orElse(to - this.properties.insights().interval().toSeconds());
    }

    /** Moves the watermarks of a window's functions once all its queries completed. */
    private void finish(Window window) {
        if (window.pending > 0 || window.failed) {
            return;
        }
        for (String function : window.functions()) {
            int updated = this.jdbc.sql("update log_insights_watermark set until_ts = ? where account_id = ? "
                    + "and region = ? and function_name = ? and until_ts < ?")
                .params(window.to(), window.account(), window.region(), function, window.to())
                .update();
            if (updated == 0 && this.jdbc.sql("select count(*) from log_insights_watermark where account_id = ? "
                    + "and region = ? and function_name = ?")
                .params(window.account(), window.region(), function)
                .query(Long.class)
                .single() == 0) {
                this.jdbc.sql("insert into log_insights_watermark (account_id, region, function_name, until_ts) "
                        + "values (?, ?, ?, ?)")
                    .params(window.account(), window.region(), function, window.to())
                    .update();
            }
        }
    }

    /** Turns the rows (one per minute and log group) into samples. */
    private void store(String account, String region, List<List<ResultField>> results) {
        Map<SeriesKey, List<Point>> out = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (List<ResultField> row : results) {
            Map<String, String> fields = new HashMap<>();
            row.forEach((f) -> fields.put(f.field(), f.value()));
            String logRef = fields.get("@log");
            String minuteText = fields.get("minute");
            if (logRef == null || minuteText == null) {
                continue;
            }
            String logGroup = logRef.contains(":") ? logRef.substring(logRef.indexOf(':') + 1) : logRef;
            String owner = logRef.contains(":") ? logRef.substring(0, logRef.indexOf(':')) : account;
            FunctionSummary function = this.logGroups.function(owner, logGroup, region).orElse(null);
            if (function == null) {
                continue;
            }
            long minute = LocalDateTime.parse(minuteText, MINUTE).toEpochSecond(ZoneOffset.UTC);
            long invocations = (long) number(fields, "invocations", 0);
            long cold = (long) number(fields, "coldStarts", 0);
            Double share = optional(fields, "memoryShare");
            Double maxMemory = optional(fields, "maxMemory");
            MinuteFigures figures = new MinuteFigures(minute, invocations, cold, number(fields, "initSum", 0),
                    (cold > 0) ? optional(fields, "initMax") : null, (cold > 0) ? optional(fields, "initP99") : null,
                    0, null, (maxMemory != null) ? maxMemory / 1_048_576 : null, (share != null) ? share * 100 : null,
                    number(fields, "billedMs", 0), number(fields, "billedMsBytes", 0) / 1000 / (1024.0 * 1024 * 1024),
                    (long) number(fields, "timeouts", 0), (long) number(fields, "oom", 0), null);
            MinuteFigures.addTo(out, minute, figures.samples(account, region, function.name()));
            first = Math.min(first, minute);
            last = Math.max(last, minute);
        }
        if (!out.isEmpty()) {
            this.samples.upsert(out);
            this.events.publishEvent(new MetricsCollected(account, region, Instant.ofEpochSecond(first),
                    Instant.ofEpochSecond(last + 60), out.values().stream().mapToInt(List::size).sum()));
        }
    }

    /**
     * Turns the error rows (one per log event) into events of their functions and stores them as pushed errors are:
     * each once, by its event pointer, so a window asked again adds nothing.
     */
    private void storeErrors(String account, String region, List<List<ResultField>> results) {
        Map<String, LogIngest.FunctionEvents> byFunction = new java.util.LinkedHashMap<>();
        for (List<ResultField> row : results) {
            Map<String, String> fields = new HashMap<>();
            row.forEach((f) -> fields.put(f.field(), f.value()));
            String logRef = fields.get("@log");
            String timestamp = fields.get("@timestamp");
            String message = fields.get("@message");
            String pointer = fields.get("@ptr");
            if (logRef == null || timestamp == null || message == null || pointer == null) {
                continue;
            }
            String logGroup = logRef.contains(":") ? logRef.substring(logRef.indexOf(':') + 1) : logRef;
            String owner = logRef.contains(":") ? logRef.substring(0, logRef.indexOf(':')) : account;
            FunctionSummary function = this.logGroups.function(owner, logGroup, region).orElse(null);
            if (function == null) {
                continue;
            }
            long at = LocalDateTime.parse(timestamp, MINUTE).toInstant(ZoneOffset.UTC).toEpochMilli();
            String stream = fields.getOrDefault("@logStream", "");
            byFunction.computeIfAbsent(function.name(),
                    (n) -> new LogIngest.FunctionEvents(account, region, n, new ArrayList<>()))
                .events()
                .add(new LogEvent(eventId(pointer), at, message, LogEvent.versionOf(stream)));
        }
        if (!byFunction.isEmpty()) {
            this.ingest.ingestErrors(List.copyOf(byFunction.values()));
        }
    }

    /** An event id that fits the stored column: Logs Insights' pointers run to a few hundred characters. */
    static String eventId(String pointer) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                .digest(pointer.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "ptr-" + java.util.HexFormat.of().formatHex(hash, 0, 24);
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static double number(Map<String, String> fields, String name, double otherwise) {
        Double value = optional(fields, name);
        return (value != null) ? value : otherwise;
    }

    private static @Nullable Double optional(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(value);
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    private static void stop(CloudWatchLogsClient client, String id) {
        try {
            client.stopQuery((r) -> r.queryId(id));
        }
        catch (SdkException ex) {
            // it ends on its own at Logs Insights' 60-minute limit
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Logs Insights", ex);
        }
    }

    static boolean glob(String pattern, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> java.util.regex.Pattern.quote(String.valueOf(c));
            });
        }
        return name.matches(regex.toString());
    }

    /** The original window of a set of functions, done when every query of it (halves included) completed. */
    static final class Window {

        private final String account;

        private final String region;

        private final List<String> functions;

        private final long to;

        int pending;

        boolean failed;

        Window(String account, String region, List<String> functions, long to) {
            this.account = account;
            this.region = region;
            this.functions = functions;
            this.to = to;
        }

        String account() {
            return this.account;
        }

        String region() {
            return this.region;
        }

        List<String> functions() {
            return this.functions;
        }

        long to() {
            return this.to;
        }
    }

    private record Work(List<String> logGroups, Window window, long from, long to, boolean errors) {
    }

    private record Running(Work work, String id, long startedAt) {
    }
}
