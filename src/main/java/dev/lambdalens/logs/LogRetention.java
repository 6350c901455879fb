package dev.lambdalens.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import dev.lambdalens.runtime.ChunkedDelete;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the log tables bounded. Invocation reports are kept for {@code lambdalens.retention.log-reports} (15 days,
 * as long as the 1-minute samples they are summed into: a minute past that has no samples left to recompute);
 * error occurrences and samples for {@code .log-errors} (90 days), after which a group not seen since goes too (a
 * group still occurring keeps its first-seen time and count); Logs Insights usage for {@code .log-insights-usage}
 * (400 days, a year of monthly bills to compare), and the pull's watermarks of functions not pulled for as long as
 * reports are kept. Deletes run oldest first in chunks of about {@link ChunkedDelete#CHUNK} rows (up to a time, on its
 * index: these tables are keyed by several columns), like the other growing tables.
 * On PostgreSQL too: unlike the samples, these rows are few per minute (one per invocation pushed, and only
 * where logs are pushed), so a chunked delete on a time index is cheap enough, and the tables stay unpartitioned,
 * which keeps each event's primary key (its redelivery check) free of a time column.
 */
@Component
class LogRetention {

    private static final Logger logger = LoggerFactory.getLogger(LogRetention.class);

    private final JdbcClient jdbc;

    private final Clock clock;

    private final Duration reports;

    private final Duration errors;

    private final Duration usage;

    LogRetention(JdbcClient jdbc, Clock clock, @Value("${lambdalens.retention.log-reports:15d}") Duration reports,
            @Value("${lambdalens.retention.log-errors:90d}") Duration errors,
            @Value("${lambdalens.retention.log-insights-usage:400d}") Duration usage) {
        for (var setting : new Object[][] { { "log-reports", reports }, { "log-errors", errors },
                { "log-insights-usage", usage } }) {
            if (((Duration) setting[1]).compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("lambdalens.retention." + setting[0] + " must be at least 1d");
            }
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.reports = reports;
        this.errors = errors;
        this.usage = usage;
    }

    /** What one pass deleted, per table. */
    record Pruned(long reports, long errorEvents, long samples, long groups, long usageMonths, long watermarks) {

        long total() {
            return this.reports + this.errorEvents + this.samples + this.groups + this.usageMonths + this.watermarks;
        }
    }

    /** Deletes what is past retention in every log table. */
    Pruned prune() {
        Instant now = this.clock.instant();
        long reportCutoff = now.minus(this.reports).getEpochSecond();
        long errorCutoff = now.minus(this.errors).getEpochSecond();
        long reportRows = ChunkedDelete.olderThanByTime(this.jdbc, "log_report", "minute_ts", "true",
                reportCutoff);
        long events = ChunkedDelete.olderThanByTime(this.jdbc, "log_error_event", "minute_ts", "true",
                errorCutoff);
        long samples = ChunkedDelete.olderThanByTime(this.jdbc, "log_error_sample", "seen_at", "true",
                errorCutoff * 1000);
        // a group seen since the cutoff keeps its newer occurrences; one with none left is gone for good
        long groups = ChunkedDelete.olderThanByTime(this.jdbc, "log_error_group", "last_seen",
                "not exists (select 1 from log_error_event e where e.group_id = log_error_group.id)",
                errorCutoff * 1000);
        String oldestMonth = YearMonth.from(now.minus(this.usage).atOffset(ZoneOffset.UTC)).toString();
        long months = this.jdbc.sql("delete from log_insights_usage where usage_month < ?").param(oldestMonth).update();
        long watermarks = this.jdbc.sql("delete from log_insights_watermark where until_ts < ?")
            .param(reportCutoff)
            .update();
        Pruned pruned = new Pruned(reportRows, events, samples, groups, months, watermarks);
        if (pruned.total() > 0) {
            logger.info("Pruned log rows past retention: {}", pruned);
        }
        return pruned;
    }
}
