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
    H2("merge into metric_sample (series_id, ts, val) key (series_id, ts) values (?, ?, ?)"),

    /**
     * PostgreSQL's INSERT ... ON CONFLICT. Unchanged values are left alone, so re-fetching a settled window creates
     * no dead tuples for vacuum to clean up.
     */
    POSTGRESQL("""
            insert into metric_sample (series_id, ts, val) values (?, ?, ?)
            on conflict (series_id, ts) do update set val = excluded.val
            where metric_sample.val <> excluded.val""");

    private final String sql;

    SampleUpsert(String sql) {
        this.sql = sql;
    }

    String sql() {
        return this.sql;
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
}
