package dev.lambdalens.metrics;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * The one SQL statement that writes a sample or replaces it, in the dialect of the database at hand. Both forms
 * are idempotent on (series, timestamp), so re-fetched windows overwrite rather than duplicate.
 */
enum SampleUpsert {

    /** H2's MERGE with a key: one index lookup per row. */
    H2("merge into metric_sample (series_id, ts, val) key (series_id, ts) values (?, ?, ?)",
            "merge into rollup_pending (account_id, region, hour_ts, marked_at) key (account_id, region, hour_ts) "
                    + "values (?, ?, ?, next value for rollup_mark)",
            "merge into metric_series (account_id, region, function_name, metric, statistic, unit, created_at) "
                    + "key (account_id, region, function_name, metric, statistic) values (?, ?, ?, ?, ?, ?, ?)",
            "merge into metric_rollup (series_id, hour_ts, val_sum, val_count, val_min, val_max) key (series_id, hour_ts) "
                    + Rollup.SELECT),

    /**
     * PostgreSQL's INSERT ... ON CONFLICT. Unchanged values are left alone, so re-fetching a settled window creates
     * no dead tuples for vacuum to clean up.
     */
    POSTGRESQL("""
            insert into metric_sample (series_id, ts, val) values (?, ?, ?)
            on conflict (series_id, ts) do update set val = excluded.val
            where metric_sample.val <> excluded.val""",
            """
            insert into rollup_pending (account_id, region, hour_ts, marked_at) values (?, ?, ?, nextval('rollup_mark'))
            on conflict (account_id, region, hour_ts) do update set marked_at = excluded.marked_at""",
            // DO NOTHING rather than catching the duplicate key: PostgreSQL aborts a transaction on any error
            """
            insert into metric_series (account_id, region, function_name, metric, statistic, unit, created_at)
            values (?, ?, ?, ?, ?, ?, ?) on conflict (account_id, region, function_name, metric, statistic) do nothing""",
            "insert into metric_rollup (series_id, hour_ts, val_sum, val_count, val_min, val_max) " + Rollup.SELECT
                    + " on conflict (series_id, hour_ts) do update set val_sum = excluded.val_sum, "
                    + "val_count = excluded.val_count, val_min = excluded.val_min, val_max = excluded.val_max");

    private final String sql;

    private final String pendingSql;

    private final String seriesSql;

    private final String rollupSql;

    SampleUpsert(String sql, String pendingSql, String seriesSql, String rollupSql) {
        this.sql = sql;
        this.pendingSql = pendingSql;
        this.seriesSql = seriesSql;
        this.rollupSql = rollupSql;
    }

    String sql() {
        return this.sql;
    }

    /**
     * Marks an hour of an account and region as written (account, region, hour), with a new number from the
     * {@code rollup_mark} sequence that a roll-up compares before it deletes the mark.
     */
    String pendingSql() {
        return this.pendingSql;
    }

    /**
     * Creates a series row unless it exists: account, region, function column, metric, statistic, unit, created at
     * (epoch seconds). On
     * PostgreSQL it never fails on a row another writer created meanwhile; on H2 two racing MERGEs can still raise a
     * duplicate key, which the caller takes as "created by the other".
     */
    String seriesSql() {
        return this.seriesSql;
    }

    /** Rolls up one hour of one account and region into hourly rows, replacing those there were. */
    String rollupSql() {
        return this.rollupSql;
    }

    static SampleUpsert forDataSource(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2")) {
                return H2;
            }
            if (product.contains("postgres")) {
                return POSTGRESQL;
            }
            throw new IllegalStateException("LambdaLens stores samples in H2 or PostgreSQL, not in "
                    + metaData.getDatabaseProductName());
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot tell which database stores the samples", ex);
        }
    }

    private static final class Rollup {

        /** One hour of one account and region, per series: parameters hour, account, region, hour, hour end. */
        static final String SELECT = "select v.series_id, cast(? as bigint), sum(v.val), count(v.val), min(v.val), max(v.val) "
                + "from metric_sample v join metric_series s on s.id = v.series_id "
                + "where s.account_id = ? and s.region = ? and v.ts >= ? and v.ts < ? group by v.series_id";
    }
}
