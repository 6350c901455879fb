package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, turns {@code metric_sample} and {@code metric_rollup} into tables partitioned by time (range on
 * {@code ts} and {@code hour_ts}), so that retention drops whole partitions instead of deleting rows series by series.
 * H2 has no declarative partitioning and keeps its tables as they are; the store's contract is the same on both.
 * <p>
 * A Java migration rather than per-database SQL folders: one history of versions for both databases, where later
 * migrations of these tables need no second copy. The rows stored so far are not copied: the old table becomes one
 * partition covering their days (attached with bounds that a CHECK constraint proves first), and leaves with a
 * partition drop once its last day is past retention. New days and weeks get partitions of their own, created ahead by
 * the store ({@code dev.lambdalens.metrics.SamplePartitions}).
 */
public class V29__partition_samples_on_postgresql extends BaseJavaMigration {

    private static final long DAY = 86_400;

    /** 1970-01-05, the first Monday after the epoch: weeks of rollups start on Mondays. */
    private static final long FIRST_MONDAY = 4 * DAY;

    private static final long WEEK = 7 * DAY;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
            return;
        }
        long now = Instant.now().getEpochSecond();
        try (Statement sql = connection.createStatement()) {
            partition(sql, "metric_sample", "ts", "series_id, ts", "val double precision not null",
                    "series_id bigint not null, ts bigint not null", Math.floorDiv(now, DAY) * DAY + DAY, DAY, 0);
            partition(sql, "metric_rollup", "hour_ts", "series_id, hour_ts",
                    "val_sum double precision not null, val_count integer not null, val_min double precision not null, "
                            + "val_max double precision not null",
                    "series_id bigint not null, hour_ts bigint not null",
                    Math.floorDiv(now - FIRST_MONDAY, WEEK) * WEEK + FIRST_MONDAY + WEEK, WEEK, FIRST_MONDAY);
        }
    }

    /**
     * Renames {@code table} aside, creates it again partitioned by {@code column}, and attaches the old rows as one
     * partition from the start of their first period to {@code end} (the start of the next period from now).
     */
    private static void partition(Statement sql, String table, String column, String key, String values,
            String keyColumns, long end, long period, long origin) throws SQLException {
        String legacy = table + "_before_partitioning";
        sql.execute("alter table " + table + " rename to " + legacy);
        sql.execute("alter table " + legacy + " rename constraint pk_" + table + " to pk_" + legacy);
        sql.execute("create table " + table + " (" + keyColumns + ", " + values + ", constraint pk_" + table
                + " primary key (" + key + ")) partition by range (" + column + ")");
        Long first = null;
        Long last = null;
        try (ResultSet range = sql.executeQuery("select min(" + column + "), max(" + column + ") from " + legacy)) {
            if (range.next()) {
                long min = range.getLong(1);
                if (!range.wasNull()) {
                    first = min;
                    last = range.getLong(2);
                }
            }
        }
        if (first == null) {
            sql.execute("drop table " + legacy);
            return;
        }
        long from = Math.floorDiv(first - origin, period) * period + origin;
        long to = Math.max(end, Math.floorDiv(last - origin, period) * period + origin + period);
        // the CHECK lets ATTACH skip its own scan of the rows; both bounds are whole periods
        sql.execute("alter table " + legacy + " add constraint " + legacy + "_bounds check (" + column + " >= " + from
                + " and " + column + " < " + to + ")");
        sql.execute("alter table " + table + " attach partition " + legacy + " for values from (" + from + ") to ("
                + to + ")");
        sql.execute("alter table " + legacy + " drop constraint " + legacy + "_bounds");
    }
}
