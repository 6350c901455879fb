package dev.lambdalens.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The journal of sample writes: every stored batch notes, in its own transaction, the earliest timestamp it wrote
 * per account and region, so that a reader keeping stored values between passes re-reads only what changed since,
 * whichever writer and whichever instance stored it. Entries are kept for {@link #KEPT}.
 */
@Component
public class SampleChanges {

    /** How long entries are kept: far longer than any transaction commits after it wrote its entry. */
    public static final Duration KEPT = Duration.ofHours(1);

    private static final Duration PRUNE_EVERY = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;

    private final Clock clock;

    private volatile Instant prunedAt = Instant.MIN;

    SampleChanges(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Notes the batch's earliest timestamp per account and region, in the caller's (the batch's) transaction. */
    void record(Map<SeriesKey, List<Point>> samples) {
        Map<List<String>, Long> earliest = new HashMap<>();
        samples.forEach((key, points) -> {
            for (Point point : points) {
                earliest.merge(List.of(key.account(), key.region()), point.epochSecond(), Math::min);
            }
        });
        if (earliest.isEmpty()) {
            return;
        }
        long now = this.clock.instant().getEpochSecond();
        List<Object[]> rows = new ArrayList<>();
        earliest.forEach((region, from) -> rows.add(new Object[] { region.get(0), region.get(1), from, now }));
        this.jdbc.batchUpdate("insert into sample_change (account_id, region, from_ts, recorded_at) values (?, ?, ?, ?)",
                rows);
    }

    /**
     * The entries recorded at or after {@code since} (at most {@link #KEPT} ago), committed by now; prunes older
     * entries every few minutes.
     */
    public List<Change> since(Instant since) {
        Instant now = this.clock.instant();
        if (Duration.between(this.prunedAt, now).compareTo(PRUNE_EVERY) >= 0) {
            this.prunedAt = now;
            this.jdbc.update("delete from sample_change where recorded_at < ?", now.minus(KEPT).getEpochSecond());
        }
        return this.jdbc.query("select id, account_id, region, from_ts from sample_change where recorded_at >= ?",
                (rs, row) -> new Change(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                since.getEpochSecond());
    }

    /**
     * One stored batch's writes in an account and region.
     *
     * @param id unique per batch and region, in no particular commit order
     * @param fromEpochSecond the earliest timestamp the batch wrote there
     */
    public record Change(long id, String account, String region, long fromEpochSecond) {
    }
}
