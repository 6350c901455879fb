package dev.lambdalens.runtime;

import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention's delete of a growing table: rows older than a cutoff, in chunks of bounded size, so that no one
 * statement holds locks on (or writes undo for) a year of rows at once.
 */
public final class ChunkedDelete {

    /** The most rows one statement deletes. */
    public static final int CHUNK = 10_000;

    private ChunkedDelete() {
    }

    /**
     * Deletes the rows of {@code table} whose {@code timeColumn} is before the cutoff and that match {@code also}
     * (an SQL condition, or {@code "true"}), oldest first; returns how many.
     */
    public static long olderThan(JdbcClient jdbc, String table, String timeColumn, String also,
            OffsetDateTime cutoff) {
        String sql = "delete from " + table + " where id in (select id from " + table + " where " + timeColumn
                + " < ? and (" + also + ") order by " + timeColumn + " fetch first " + CHUNK + " rows only)";
        long deleted = 0;
        int chunk;
        do {
            chunk = jdbc.sql(sql).param(cutoff).update();
            deleted += chunk;
        }
        while (chunk == CHUNK);
        return deleted;
    }

    /**
     * As {@link #olderThan(JdbcClient, String, String, String, OffsetDateTime)}, for a table without an {@code id}
     * (keyed by several columns) and a time column of any type (epoch seconds for the log tables): each statement
     * deletes up to the time of the {@link #CHUNK}th oldest row, never splitting rows of one time value, so a chunk
     * is about {@code CHUNK} rows and is found on the time column's index alone.
     */
    public static long olderThanByTime(JdbcClient jdbc, String table, String timeColumn, String also, Object cutoff) {
        String where = " where " + timeColumn + " < ? and (" + also + ")";
        String boundary = "select " + timeColumn + " from " + table + where + " order by " + timeColumn + " offset "
                + (CHUNK - 1) + " rows fetch next 1 rows only";
        long deleted = 0;
        while (true) {
            var last = jdbc.sql(boundary).param(cutoff).query().singleColumn();
            if (last.isEmpty()) {
                return deleted + jdbc.sql("delete from " + table + where).param(cutoff).update();
            }
            deleted += jdbc.sql("delete from " + table + where + " and " + timeColumn + " <= ?")
                .params(cutoff, last.get(0))
                .update();
        }
    }
}
