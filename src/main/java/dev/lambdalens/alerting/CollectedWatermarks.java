package dev.lambdalens.alerting;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lambdalens.collector.MetricsCollected;

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

    CollectedWatermarks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs in the collector's transaction (a plain listener), so the watermark moves with the samples. */
    @EventListener
    void on(MetricsCollected collected) {
        if (collected.covered() != null && !collected.covered().isEmpty()) {
            record(collected.account(), collected.region(), collected.covered(), collected.to());
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
        return new Snapshot(targets, regions);
    }

    /**
     * The watermarks at the start of a pass.
     *
     * @param polled the accounts and regions ({@code account/region}) the collector polls: there, a target without a
     * watermark has not been collected yet; elsewhere (Metric Streams only) the clock is all there is
     */
    record Snapshot(Map<AlertTarget, Instant> targets, Set<String> polled) {

        /** How far the target's data is complete, {@code null} when nothing says (pushed data). */
        @org.jspecify.annotations.Nullable Instant of(AlertTarget target) {
            return this.targets.get(target);
        }

        boolean polled(AlertTarget target) {
            return this.polled.contains(target.account() + "/" + target.region());
        }
    }
}
