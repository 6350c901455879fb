package dev.lambdalens.metrics;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes samples: in JDBC batches, one transaction per call, idempotent on (series, timestamp).
 */
@Service
public class SampleStore {

    static final int BATCH_SIZE = 1_000;

    static final String INSERT = "insert into metric_sample (series_id, ts, val) values (?, ?, ?)";

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transaction;

    private final SeriesCatalog catalog;

    private final SampleUpsert upsert;

    private final SamplePartitions partitions;

    private final SampleChanges changes;

    SampleStore(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transaction, SeriesCatalog catalog,
            SampleChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.transaction = transaction;
        this.catalog = catalog;
        this.upsert = SampleUpsert.forDataSource(dataSource);
        this.partitions = new SamplePartitions(JdbcClient.create(dataSource), this.upsert);
    }

    /**
     * Store the given points, replacing any stored value of the same series and timestamp. Either all of them are
     * stored or, on failure, none.
     * @param samples points per series
     * @return the number of points written
     */
    public int upsert(Map<SeriesKey, List<Point>> samples) {
        return write(samples, this.upsert.sql());
    }

    /**
     * Store points that are expected to be new (minutes a collector fetches for the first time), with a plain
     * INSERT, which is cheaper than an upsert. Should any of them be stored already (a cycle that failed after
     * storing, a function that changed polling group), the whole call is rolled back and upserted instead, so the
     * result is the same as {@link #upsert(Map)} either way.
     * @return the number of points written
     */
    public int insertNew(Map<SeriesKey, List<Point>> samples) {
        try {
            return write(samples, INSERT);
        }
        catch (DuplicateKeyException ex) {
            return upsert(samples);
        }
    }

    private int write(Map<SeriesKey, List<Point>> samples, String sql) {
        // series rows first, each in a statement of its own: a new series another writer is creating at the same
        // moment is waited for rather than failed on, and can never abort the transaction of the samples
        Map<Long, List<Point>> bySeries = new LinkedHashMap<>();
        samples.forEach((key, points) -> bySeries.put(this.catalog.idOf(key), oncePerMinute(points)));
        coverPartitions(bySeries);
        try {
            return writeInTransaction(samples, bySeries, sql);
        }
        catch (DataIntegrityViolationException ex) {
            if (!this.partitions.partitioned() || !String.valueOf(ex.getMessage()).contains("no partition")) {
                throw ex;
            }
            // retention (here or on another instance) dropped a partition this one still counted on: create it again
            this.partitions.forget();
            coverPartitions(bySeries);
            return writeInTransaction(samples, bySeries, sql);
        }
    }

    /** On PostgreSQL, a partition for every day the points fall on, created before the transaction that needs it. */
    private void coverPartitions(Map<Long, List<Point>> bySeries) {
        if (!this.partitions.partitioned()) {
            return;
        }
        // the days the points fall on, not every day between the first and the last: a backfill of scattered days
        // creates no empty partitions in between
        java.util.Set<Long> days = new java.util.HashSet<>();
        long lastDay = Long.MIN_VALUE;
        for (List<Point> points : bySeries.values()) {
            for (Point point : points) {
                long day = SamplePartitions.Table.SAMPLES.periodStart(point.epochSecond());
                if (day != lastDay) {
                    days.add(day);
                    lastDay = day;
                }
            }
        }
        days.forEach((day) -> this.partitions.cover(SamplePartitions.Table.SAMPLES, day, day));
    }

    private int writeInTransaction(Map<SeriesKey, List<Point>> samples, Map<Long, List<Point>> bySeries, String sql) {
        Integer written = this.transaction.execute((status) -> {
            SampleBatch batch = new SampleBatch();
            bySeries.forEach((seriesId, points) -> {
                for (Point point : points) {
                    if (batch.add(seriesId, point) == BATCH_SIZE) {
                        flush(batch, sql);
                    }
                }
            });
            flush(batch, sql);
            markPending(samples);
            this.changes.record(samples);
            return batch.written;
        });
        return (written != null) ? written : 0;
    }

    /**
     * The points with one per timestamp, the last given winning as a later upsert would: PostgreSQL refuses a batched
     * upsert that touches one row twice ("ON CONFLICT DO UPDATE command cannot affect row a second time"). Points in
     * ascending order, as collectors give them, are passed through untouched.
     */
    static List<Point> oncePerMinute(List<Point> points) {
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).epochSecond() <= points.get(i - 1).epochSecond()) {
                Map<Long, Point> last = new TreeMap<>();
                points.forEach((p) -> last.put(p.epochSecond(), p));
                return List.copyOf(last.values());
            }
        }
        return points;
    }

    /** Marks the hours just written for the next roll-up, in the same transaction as the samples. */
    private void markPending(Map<SeriesKey, List<Point>> samples) {
        java.util.Set<java.util.List<Object>> hours = new java.util.HashSet<>();
        samples.forEach((key, points) -> points.forEach((p) -> hours.add(java.util.List.of(key.account(), key.region(),
                Math.floorDiv(p.epochSecond(), 3600) * 3600))));
        if (hours.isEmpty()) {
            return;
        }
        java.util.List<Object[]> rows = hours.stream().map((h) -> new Object[] { h.get(0), h.get(1), h.get(2) }).toList();
        this.jdbc.batchUpdate(this.upsert.pendingSql(), rows);
    }

    private void flush(SampleBatch batch, String sql) {
        if (batch.size == 0) {
            return;
        }
        int size = batch.size;
        this.jdbc.batchUpdate(sql, new org.springframework.jdbc.core.BatchPreparedStatementSetter() {

            @Override
            public void setValues(PreparedStatement statement, int i) throws SQLException {
                statement.setLong(1, batch.seriesIds[i]);
                statement.setLong(2, batch.timestamps[i]);
                statement.setDouble(3, batch.values[i]);
            }

            @Override
            public int getBatchSize() {
                return size;
            }
        });
        batch.written += size;
        batch.size = 0;
    }

    /** Column-wise buffer of one JDBC batch: no object per sample on the hot path. */
    private static final class SampleBatch {

        final long[] seriesIds = new long[BATCH_SIZE];

        final long[] timestamps = new long[BATCH_SIZE];

        final double[] values = new double[BATCH_SIZE];

        int size;

        int written;

        int add(long seriesId, Point point) {
            this.seriesIds[this.size] = seriesId;
            this.timestamps[this.size] = point.epochSecond();
            this.values[this.size] = point.value();
            return ++this.size;
        }
    }
}
