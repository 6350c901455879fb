package dev.lambdalens.metrics;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rolls written hours up into hourly rows, then prunes: 1-minute samples older than the raw retention (never an hour
 * still waiting for its roll-up) and rollups older than theirs. Every step is a short transaction of its own (one
 * hour of one region; one series), so that collection is never blocked behind a long delete.
 */
@Service
public class Retention {

    private static final Logger logger = LoggerFactory.getLogger(Retention.class);

    private final JdbcClient jdbc;

    private final TransactionTemplate transaction;

    private final SampleUpsert dialect;

    private final RetentionProperties properties;

    private final Clock clock;

    private final SamplePartitions partitions;

    /** The cutoffs this instance last pruned to: samples before the first, rollups before the second. */
    private volatile long prunedRawBefore = Long.MIN_VALUE;

    private volatile long prunedRollupsBefore = Long.MIN_VALUE;

    private volatile long seriesPrunedAt = Long.MIN_VALUE / 2;

    Retention(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transaction, RetentionProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.dialect = SampleUpsert.forDataSource(dataSource);
        this.properties = properties;
        this.clock = clock;
        this.partitions = new SamplePartitions(jdbc, this.dialect);
    }

    /** One pass: roll up what is pending, then prune; returns the hours rolled up. */
    public int run() {
        int rolled = rollUpPending();
        prune();
        return rolled;
    }

    /** Rolls up every pending hour, oldest first. */
    public int rollUpPending() {
        List<Map<String, Object>> pending = this.jdbc
            .sql("select account_id, region, hour_ts, marked_at from rollup_pending order by hour_ts")
            .query()
            .listOfRows();
        for (Map<String, Object> hour : pending) {
            String account = (String) hour.get("account_id");
            String region = (String) hour.get("region");
            long start = ((Number) hour.get("hour_ts")).longValue();
            long mark = ((Number) hour.get("marked_at")).longValue();
            this.partitions.cover(SamplePartitions.Table.ROLLUPS, start, start);
            this.transaction.executeWithoutResult((status) -> {
                // the mark was read before these minutes: a write committed since has given the hour a new mark
                this.jdbc.sql(this.dialect.rollupSql()).params(start, account, region, start, start + 3600).update();
                // compare-and-delete: an hour written again while it was rolled up keeps its (new) mark, so the next
                // pass rolls it up again with the minutes this one may not have seen
                this.jdbc.sql("delete from rollup_pending where account_id = ? and region = ? and hour_ts = ? "
                        + "and marked_at = ?").params(account, region, start, mark).update();
            });
        }
        return pending.size();
    }

    /**
     * Deletes the series left without a sample or rollup (the functions long gone, whose data retention has taken),
     * at most once a day; never a series created in the last day, whose first samples may be being written.
     * @return the series deleted
     */
    long pruneEmptySeries(long now) {
        if (now - this.seriesPrunedAt < 86_400) {
            return 0;
        }
        this.seriesPrunedAt = now;
        int deleted = this.jdbc.sql("""
                delete from metric_series s where s.created_at < ?
                and not exists (select 1 from metric_sample v where v.series_id = s.id)
                and not exists (select 1 from metric_rollup r where r.series_id = s.id)""")
            .param(now - 86_400)
            .update();
        if (deleted > 0) {
            logger.info("Deleted {} series whose every sample and rollup is past retention", deleted);
        }
        return deleted;
    }

    /**
     * Removes samples and rollups past their retention: on PostgreSQL by dropping the partitions whose every row is
     * past it (after creating those ahead), on H2 by deleting series by series. Both cutoffs move by whole hours, so a
     * pass whose cutoffs have not moved since this instance's last pruning has nothing to do and skips the walk over
     * every series (most passes: they run every few minutes).
     * @return the rows deleted (H2) or the partitions dropped (PostgreSQL)
     */
    public long prune() {
        this.partitions.createAhead(this.clock.instant(), this.properties.partitionsAhead());
        long now = this.clock.instant().getEpochSecond();
        long rawCutoff = Math.floorDiv(now - this.properties.raw().toSeconds(), 3600) * 3600;
        Long earliestPending = this.jdbc.sql("select min(hour_ts) from rollup_pending").query(Long.class).optional()
            .orElse(null);
        if (earliestPending != null && earliestPending < rawCutoff) {
            rawCutoff = earliestPending; // never drop minutes whose hour is not rolled up yet
        }
        long rollupCutoff = Math.floorDiv(now - this.properties.rollups().toSeconds(), 3600) * 3600;
        if (rawCutoff == this.prunedRawBefore && rollupCutoff == this.prunedRollupsBefore) {
            return 0;
        }
        if (this.partitions.partitioned()) {
            long dropped = this.partitions.dropBefore(SamplePartitions.Table.SAMPLES, rawCutoff)
                    + this.partitions.dropBefore(SamplePartitions.Table.ROLLUPS, rollupCutoff);
            this.prunedRawBefore = rawCutoff;
            this.prunedRollupsBefore = rollupCutoff;
            return dropped + pruneEmptySeries(now);
        }
        long deleted = 0;
        for (Long series : this.jdbc.sql("select id from metric_series order by id").query(Long.class).list()) {
            deleted += this.jdbc.sql("delete from metric_sample where series_id = ? and ts < ?")
                .params(series, rawCutoff)
                .update();
            deleted += this.jdbc.sql("delete from metric_rollup where series_id = ? and hour_ts < ?")
                .params(series, rollupCutoff)
                .update();
        }
        this.prunedRawBefore = rawCutoff;
        this.prunedRollupsBefore = rollupCutoff;
        deleted += pruneEmptySeries(now);
        if (deleted > 0) {
            logger.info("Pruned {} samples and rollups past their retention", deleted);
        }
        return deleted;
    }
}
