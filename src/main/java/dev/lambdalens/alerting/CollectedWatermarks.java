package dev.lambdalens.alerting;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lambdalens.collector.MetricsCollected;
import dev.lambdalens.metrics.LambdaMetric;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far each target's data has been collected, as the collector reports it with each stored window: a rule judges
 * a target's periods up to here only, so that a period not fetched yet (a region failing, the idle group's next
 * fetch still to come) is never taken for missing data. Kept in the database, in the collector's transaction, so
 * that any instance evaluating sees it and a restart loses nothing.
 */
@Component
class CollectedWatermarks {

    private final JdbcTemplate jdbc;

    private final AlertingProperties properties;

    private final Clock clock;

    CollectedWatermarks(JdbcTemplate jdbc, AlertingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs in the collector's transaction (a plain listener), so the watermark moves with the samples. */
    @EventListener
    void on(MetricsCollected collected) {
        Set<String> covered = collected.covered();
        if (covered != null && !covered.isEmpty()) {
            if (collected.coveredMetrics() == null) {
                record(collected.account(), collected.region(), covered, collected.to());
            }
            else {
                recordSignal(collected.account(), collected.region(), covered, collected.coveredMetrics(),
                        collected.from(), collected.to());
            }
        }
        else if (collected.streamed()) {
            recordStream(collected.account(), collected.region(), collected.to());
        }
    }

    /**
     * The span [from, until) fetched for these metrics of these functions: joined to what is recorded when the
     * two meet, else in its place (an older span that no longer joins the target's watermark says nothing).
     */
    void recordSignal(String account, String region, Set<String> functions, Set<LambdaMetric> metrics,
            Instant from, Instant until) {
        Map<String, Instant[]> known = new HashMap<>();
        this.jdbc.query("select function_name, metric, covered_from, covered_until from signal_watermark where "
                + "account_id = ? and region = ?", (rs) -> {
                    known.put(rs.getString(1) + "/" + rs.getString(2), new Instant[] {
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant() });
                }, account, region);
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (String function : functions) {
            for (LambdaMetric metric : metrics) {
                Instant[] span = known.get(function + "/" + metric.name());
                Instant start = from;
                Instant end = until;
                if (span != null && !from.isAfter(span[1]) && !span[0].isAfter(until)) {
                    start = span[0].isBefore(from) ? span[0] : from;
                    end = span[1].isAfter(until) ? span[1] : until;
                }
                (span != null ? updates : inserts).add((span != null)
                        ? new Object[] { Timestamp.from(start), Timestamp.from(end), account, region, function,
                                metric.name() }
                        : new Object[] { account, region, function, metric.name(), Timestamp.from(start),
                                Timestamp.from(end) });
            }
        }
        if (!updates.isEmpty()) {
            this.jdbc.batchUpdate("update signal_watermark set covered_from = ?, covered_until = ? where "
                    + "account_id = ? and region = ? and function_name = ? and metric = ?", updates);
        }
        if (!inserts.isEmpty()) {
            this.jdbc.batchUpdate("insert into signal_watermark (account_id, region, function_name, metric, "
                    + "covered_from, covered_until) values (?, ?, ?, ?, ?, ?)", inserts);
        }
    }

    /** A Metric Streams delivery reached {@code until}: the stream's watermark moves forward (never back). */
    void recordStream(String account, String region, Instant until) {
        Timestamp at = Timestamp.from(until);
        Timestamp now = Timestamp.from(this.clock.instant());
        int updated = this.jdbc.update("update stream_watermark set received_until = case when received_until < ? "
                + "then ? else received_until end, received_at = ? where account_id = ? and region = ?", at, at, now,
                account, region);
        if (updated == 0) {
            this.jdbc.update("insert into stream_watermark (account_id, region, received_until, received_at) "
                    + "values (?, ?, ?, ?)", account, region, at, now);
        }
    }

    /** Moves the watermark of each target forward to {@code until} (never back). */
    void record(String account, String region, Set<String> functions, Instant until) {
        Timestamp at = Timestamp.from(until);
        List<Object[]> rows = new ArrayList<>();
        List<String> names = new ArrayList<>(functions);
        names.forEach((name) -> rows.add(new Object[] { at, at, account, region, name }));
        int[] updated = this.jdbc.batchUpdate("update collected_watermark set collected_until = case when "
                + "collected_until < ? then ? else collected_until end where account_id = ? and region = ? and "
                + "function_name = ?", rows);
        List<Object[]> fresh = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (updated[i] == 0) {
                fresh.add(new Object[] { account, region, names.get(i), at });
            }
        }
        if (!fresh.isEmpty()) {
            this.jdbc.batchUpdate("insert into collected_watermark (account_id, region, function_name, "
                    + "collected_until) values (?, ?, ?, ?)", fresh);
        }
    }

    /** Every target's watermark, with the accounts and regions that report them. */
    Snapshot read() {
        Map<AlertTarget, Instant> targets = new HashMap<>();
        Set<String> regions = new HashSet<>();
        this.jdbc.query("select account_id, region, function_name, collected_until from collected_watermark",
                (rs) -> {
                    String account = rs.getString(1);
                    String region = rs.getString(2);
                    targets.put(new AlertTarget(account, region, rs.getString(3)), rs.getTimestamp(4).toInstant());
                    regions.add(account + "/" + region);
                });
        Map<String, Instant[]> signals = new HashMap<>();
        this.jdbc.query("select account_id, region, function_name, metric, covered_from, covered_until from "
                + "signal_watermark", (rs) -> {
                    signals.put(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3) + "/"
                            + rs.getString(4), new Instant[] { rs.getTimestamp(5).toInstant(),
                                    rs.getTimestamp(6).toInstant() });
                });
        Instant silentSince = this.clock.instant().minus(this.properties.streamSilence());
        Map<String, Instant> streams = new HashMap<>();
        this.jdbc.query("select account_id, region, received_until, received_at from stream_watermark", (rs) -> {
            // a stream silent for longer than the limit is taken for an idle region: the clock decides again
            if (!rs.getTimestamp(4).toInstant().isBefore(silentSince)) {
                streams.put(rs.getString(1) + "/" + rs.getString(2), rs.getTimestamp(3).toInstant());
            }
        });
        return new Snapshot(targets, regions, signals, streams);
    }

    /**
     * The watermarks at the start of a pass.
     *
     * @param polled the accounts and regions ({@code account/region}) the collector polls: there, a target without a
     * watermark has not been collected yet; elsewhere (Metric Streams only) the stream's watermark, or the clock
     * @param signals per {@code account/region/function/METRIC}, the span a signal fetch covered
     * @param streams per {@code account/region}, how far its Metric Streams deliveries have come (streams that
     * have been silent too long left out)
     */
    record Snapshot(Map<AlertTarget, Instant> targets, Set<String> polled, Map<String, Instant[]> signals,
            Map<String, Instant> streams) {

        /**
         * How far the data a rule reads for the target is complete: its watermark, carried further by the signal
         * fetches of every metric the rule reads when they join it; for a target only streamed, the stream's;
         * {@code null} when nothing says.
         */
        @org.jspecify.annotations.Nullable Instant of(AlertTarget target, Set<LambdaMetric> reads) {
            // the collector reports per function: an alias, version or mapping is collected with its function
            Instant watermark = this.targets.get(new AlertTarget(target.account(), target.region(),
                    target.functionName()));
            if (watermark == null) {
                return polled(target) ? null : this.streams.get(target.account() + "/" + target.region());
            }
            if (reads.isEmpty()) {
                return watermark;
            }
            Instant furthest = null;
            for (LambdaMetric metric : reads) {
                Instant[] span = this.signals.get(target.account() + "/" + target.region() + "/" + target.functionName()
                        + "/" + metric.name());
                if (span == null || span[0].isAfter(watermark) || !span[1].isAfter(watermark)) {
                    return watermark;
                }
                furthest = (furthest == null || span[1].isBefore(furthest)) ? span[1] : furthest;
            }
            return furthest;
        }

        boolean polled(AlertTarget target) {
            return this.polled.contains(target.account() + "/" + target.region());
        }
    }
}
