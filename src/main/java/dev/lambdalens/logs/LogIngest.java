package dev.lambdalens.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.lambdalens.collector.MetricsCollected;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SampleStore;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores what a batch of log events says: each report and each error once (by event id), then recomputes the
 * per-minute figures of every minute it touched from everything stored for that minute, so that events of one
 * minute arriving in several deliveries, or twice, add up to the same figures.
 */
@Service
class LogIngest {

    private final JdbcClient jdbc;

    private final ErrorGroups errors;

    private final SampleStore samples;

    private final ApplicationEventPublisher events;

    LogIngest(JdbcClient jdbc, ErrorGroups errors, SampleStore samples, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.errors = errors;
        this.samples = samples;
        this.events = events;
    }

    /** The events of one function. */
    record FunctionEvents(String account, String region, String function, List<LogEvent> events) {
    }

    /** What a batch added: reports and errors not seen before, and what was already stored. */
    record Outcome(int reports, int errors, int duplicates, int ignored) {
    }

    /** Stores the batch in one transaction: all of it, or nothing. */
    @Transactional
    Outcome ingest(List<FunctionEvents> batch) {
        int reports = 0;
        int errorCount = 0;
        int duplicates = 0;
        int ignored = 0;
        Map<String, long[]> regions = new LinkedHashMap<>();
        for (FunctionEvents f : batch) {
            Set<Long> minutes = new TreeSet<>();
            for (LogEvent event : f.events()) {
                Optional<LogLine> line = LogLineParser.parse(event.message());
                if (line.isEmpty() || line.get() instanceof LogLine.InitStart) {
                    ignored++;
                    continue;
                }
                boolean added = (line.get() instanceof LogLine.Report report) ? storeReport(f, event, report)
                        : this.errors.store(f.account(), f.region(), f.function(), event, (LogLine.Error) line.get());
                if (!added) {
                    duplicates++;
                    continue;
                }
                if (line.get() instanceof LogLine.Report) {
                    reports++;
                }
                else {
                    errorCount++;
                }
                minutes.add(event.minute());
            }
            if (!minutes.isEmpty()) {
                recompute(f.account(), f.region(), f.function(), minutes);
                long[] range = regions.computeIfAbsent(f.account() + "/" + f.region(),
                        (k) -> new long[] { Long.MAX_VALUE, Long.MIN_VALUE, 0 });
                range[0] = Math.min(range[0], ((TreeSet<Long>) minutes).first());
                range[1] = Math.max(range[1], ((TreeSet<Long>) minutes).last() + 60);
                range[2] += minutes.size();
            }
        }
        regions.forEach((key, range) -> {
            String[] parts = key.split("/");
            this.events.publishEvent(new MetricsCollected(parts[0], parts[1], Instant.ofEpochSecond(range[0]),
                    Instant.ofEpochSecond(range[1]), (int) range[2]));
        });
        return new Outcome(reports, errorCount, duplicates, ignored);
    }

    /**
     * Stores the error lines of a batch read by the Logs Insights pull, whose REPORT figures arrive aggregated by
     * their own query: each error once (by event id), then only the error series of the minutes touched (logged
     * errors, new groups, the busiest group's count), recomputed from everything stored, so the pulled report
     * figures of those minutes stay as they are.
     */
    @Transactional
    Outcome ingestErrors(List<FunctionEvents> batch) {
        int errorCount = 0;
        int duplicates = 0;
        int ignored = 0;
        Map<SeriesKey, List<Point>> out = new HashMap<>();
        Map<String, long[]> regions = new LinkedHashMap<>();
        for (FunctionEvents f : batch) {
            TreeSet<Long> minutes = new TreeSet<>();
            for (LogEvent event : f.events()) {
                Optional<LogLine> line = LogLineParser.parse(event.message());
                if (line.isEmpty() || !(line.get() instanceof LogLine.Error error)) {
                    ignored++;
                    continue;
                }
                if (!this.errors.store(f.account(), f.region(), f.function(), event, error)) {
                    duplicates++;
                    continue;
                }
                errorCount++;
                minutes.add(event.minute());
            }
            if (minutes.isEmpty()) {
                continue;
            }
            Map<Long, ErrorGroups.MinuteErrors> counted = this.errors.minutes(f.account(), f.region(), f.function(),
                    minutes.first(), minutes.last());
            for (long minute : minutes) {
                ErrorGroups.MinuteErrors e = counted.getOrDefault(minute, ErrorGroups.MinuteErrors.NONE);
                Map<SeriesKey, Double> samples = new LinkedHashMap<>();
                samples.put(SeriesKey.ofFunction(f.account(), f.region(), f.function(), LambdaMetric.LOGGED_ERRORS,
                        Statistic.SUM), (double) e.count());
                samples.put(SeriesKey.ofFunction(f.account(), f.region(), f.function(),
                        LambdaMetric.NEW_ERROR_GROUPS, Statistic.SUM), (double) e.newGroups());
                samples.put(SeriesKey.ofFunction(f.account(), f.region(), f.function(),
                        LambdaMetric.ERROR_GROUP_PEAK, Statistic.MAXIMUM), (double) e.peak());
                MinuteFigures.addTo(out, minute, samples);
            }
            long[] range = regions.computeIfAbsent(f.account() + "/" + f.region(),
                    (k) -> new long[] { Long.MAX_VALUE, Long.MIN_VALUE, 0 });
            range[0] = Math.min(range[0], minutes.first());
            range[1] = Math.max(range[1], minutes.last() + 60);
            range[2] += minutes.size();
        }
        if (!out.isEmpty()) {
            this.samples.upsert(out);
        }
        regions.forEach((key, range) -> {
            String[] parts = key.split("/");
            this.events.publishEvent(new MetricsCollected(parts[0], parts[1], Instant.ofEpochSecond(range[0]),
                    Instant.ofEpochSecond(range[1]), (int) range[2]));
        });
        return new Outcome(0, errorCount, duplicates, ignored);
    }

    private boolean storeReport(FunctionEvents f, LogEvent event, LogLine.Report r) {
        boolean known = this.jdbc.sql("""
                select count(*) from log_report
                where account_id = ? and region = ? and function_name = ? and event_id = ?""")
            .params(f.account(), f.region(), f.function(), event.id())
            .query(Long.class)
            .single() > 0;
        if (known) {
            return false;
        }
        this.jdbc.sql("""
                insert into log_report (account_id, region, function_name, event_id, request_id, minute_ts,
                    duration_ms, billed_ms, memory_mb, max_memory_mb, init_ms, restore_ms, billed_restore_ms,
                    status, error_type)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(f.account(), f.region(), f.function(), event.id(), r.requestId(), event.minute(), r.durationMs(),
                    r.billedMs(), r.memoryMb(), r.maxMemoryMb(), r.initMs(), r.restoreMs(), r.billedRestoreMs(),
                    ErrorFingerprint.truncate(r.status(), 16),
                    (r.errorType() != null) ? ErrorFingerprint.truncate(r.errorType(), 64) : null)
            .update();
        return true;
    }

    /** Recomputes the given minutes of one function from everything stored for them, and writes their samples. */
    private void recompute(String account, String region, String function, Set<Long> minutes) {
        long first = ((TreeSet<Long>) minutes).first();
        long last = ((TreeSet<Long>) minutes).last();
        Map<Long, List<LogLine.Report>> reports = new HashMap<>();
        this.jdbc.sql("""
                select minute_ts, request_id, duration_ms, billed_ms, memory_mb, max_memory_mb, init_ms, restore_ms,
                    billed_restore_ms, status, error_type from log_report
                where account_id = ? and region = ? and function_name = ? and minute_ts between ? and ?""")
            .params(account, region, function, first, last)
            .query((rs, n) -> {
                long minute = rs.getLong(1);
                if (minutes.contains(minute)) {
                    reports.computeIfAbsent(minute, (m) -> new ArrayList<>())
                        .add(new LogLine.Report(rs.getString(2), rs.getDouble(3), rs.getLong(4), rs.getInt(5),
                                rs.getInt(6), (Double) rs.getObject(7, Double.class),
                                (Double) rs.getObject(8, Double.class), (Long) rs.getObject(9, Long.class),
                                rs.getString(10), rs.getString(11)));
                }
                return minute;
            })
            .list();
        Map<Long, ErrorGroups.MinuteErrors> errorMinutes = this.errors.minutes(account, region, function, first, last);
        Map<SeriesKey, List<Point>> out = new HashMap<>();
        for (long minute : minutes) {
            ErrorGroups.MinuteErrors e = errorMinutes.getOrDefault(minute, ErrorGroups.MinuteErrors.NONE);
            MinuteFigures figures = MinuteFigures.of(minute, reports.getOrDefault(minute, List.of()),
                    e.timeoutRequests(), e.outOfMemoryRequests(), e.count());
            Map<SeriesKey, Double> samples = figures.samples(account, region, function);
            if (e.count() > 0) {
                samples.put(SeriesKey.ofFunction(account, region, function, LambdaMetric.NEW_ERROR_GROUPS, Statistic.SUM),
                        (double) e.newGroups());
                samples.put(SeriesKey.ofFunction(account, region, function, LambdaMetric.ERROR_GROUP_PEAK,
                        Statistic.MAXIMUM), (double) e.peak());
            }
            MinuteFigures.addTo(out, minute, samples);
        }
        this.samples.upsert(out);
    }
}
