package dev.lambdalens.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.lambdalens.runtime.ChunkedDelete;
import dev.lambdalens.testing.EmbeddedPostgresSupport;
import dev.lambdalens.testing.MigratedH2;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention of every log table at the defaults (reports 15 days, errors 90 days, Logs Insights usage 400 days), on
 * H2 and on PostgreSQL, with more old reports than one chunk deletes.
 */
class LogRetentionTests {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    static final String A = "111122223333";

    static final String R = "eu-west-1";

    @Test
    void shouldPruneEveryLogTableOnH2() {
        scenario(MigratedH2.dataSource());
    }

    @Test
    void shouldPruneEveryLogTableOnPostgresql() {
        EmbeddedPostgresSupport.freshDatabaseUrl("log_retention");
        DataSource dataSource = EmbeddedPostgresSupport.dataSource("log_retention");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        scenario(dataSource);
    }

    private static void scenario(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        // more reports past retention than one statement deletes, and one just inside it
        int old = ChunkedDelete.CHUNK + 5;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < old; i++) {
            rows.add(new Object[] { "old-" + i, minute(daysAgo(16) + (i % 60) * 60) });
        }
        rows.add(new Object[] { "recent", minute(daysAgo(14)) });
        new JdbcTemplate(dataSource).batchUpdate("""
                insert into log_report (account_id, region, function_name, event_id, request_id, minute_ts,
                    duration_ms, billed_ms, memory_mb, max_memory_mb, status)
                values ('%s', '%s', 'orders', ?, 'req', ?, 10, 10, 128, 64, 'success')""".formatted(A, R), rows);

        // a group gone quiet for 100 days goes whole; one still occurring keeps its recent occurrence
        long quiet = group(jdbc, "quiet", daysAgo(100), daysAgo(100));
        event(jdbc, quiet, "q1", daysAgo(100));
        sample(jdbc, quiet, "q1", daysAgo(100));
        long alive = group(jdbc, "alive", daysAgo(100), daysAgo(1));
        event(jdbc, alive, "a-old", daysAgo(100));
        event(jdbc, alive, "a-new", daysAgo(1));
        sample(jdbc, alive, "a-old", daysAgo(100));
        sample(jdbc, alive, "a-new", daysAgo(1));

        for (String month : List.of("2025-09", "2025-10", "2026-11")) {
            jdbc.sql("insert into log_insights_usage (account_id, region, usage_month, queries, bytes_scanned) "
                    + "values (?, ?, ?, 1, 100)").params(A, R, month).update();
        }
        jdbc.sql("insert into log_insights_watermark values (?, ?, 'gone', ?)").params(A, R, daysAgo(20)).update();
        jdbc.sql("insert into log_insights_watermark values (?, ?, 'orders', ?)").params(A, R, daysAgo(0) - 3600)
            .update();

        LogRetention retention = new LogRetention(jdbc, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(15),
                Duration.ofDays(90), Duration.ofDays(400));
        LogRetention.Pruned pruned = retention.prune();

        assertThat(pruned).isEqualTo(new LogRetention.Pruned(old, 2, 2, 1, 1, 1));
        assertThat(jdbc.sql("select event_id from log_report").query(String.class).list()).containsExactly("recent");
        assertThat(jdbc.sql("select fingerprint from log_error_group").query(String.class).list())
            .containsExactly("alive");
        assertThat(jdbc.sql("select event_id from log_error_event").query(String.class).list())
            .containsExactly("a-new");
        assertThat(jdbc.sql("select event_id from log_error_sample").query(String.class).list())
            .containsExactly("a-new");
        assertThat(jdbc.sql("select usage_month from log_insights_usage order by usage_month").query(String.class)
            .list()).containsExactly("2025-10", "2026-11");
        assertThat(jdbc.sql("select function_name from log_insights_watermark").query(String.class).list())
            .containsExactly("orders");
        // a second pass finds nothing more
        assertThat(retention.prune().total()).isZero();
    }

    private static long group(JdbcClient jdbc, String fingerprint, long firstSeen, long lastSeen) {
        jdbc.sql("""
                insert into log_error_group (account_id, region, function_name, fingerprint, error_type, message,
                    first_seen, last_seen, occurrences) values (?, ?, 'orders', ?, 'TypeError', 'boom', ?, ?, 2)""")
            .params(A, R, fingerprint, firstSeen * 1000, lastSeen * 1000)
            .update();
        return jdbc.sql("select id from log_error_group where fingerprint = ?").param(fingerprint).query(Long.class)
            .single();
    }

    private static void event(JdbcClient jdbc, long group, String id, long at) {
        jdbc.sql("insert into log_error_event (group_id, event_id, minute_ts, version) values (?, ?, ?, '$LATEST')")
            .params(group, id, minute(at))
            .update();
    }

    private static void sample(JdbcClient jdbc, long group, String id, long at) {
        jdbc.sql("insert into log_error_sample (group_id, event_id, seen_at, sample_text) values (?, ?, ?, 'boom')")
            .params(group, id, at * 1000)
            .update();
    }

    private static long daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days)).getEpochSecond();
    }

    private static long minute(long epochSecond) {
        return Math.floorDiv(epochSecond, 60) * 60;
    }
}
