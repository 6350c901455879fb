package dev.lambdalens.collector;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code work_unit} rows: read by every instance to see what is due, written only by the holder of a unit's
 * lease, in single statements (never inside a long transaction).
 */
@Component
class WorkUnits {

    private static final int MAX_TEXT = 1000;

    private final JdbcClient jdbc;

    WorkUnits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<UnitRow> all() {
        return this.jdbc.sql("select * from work_unit order by account_id, region, kind").query(WorkUnits::row).list();
    }

    Optional<UnitRow> find(WorkUnit unit) {
        return this.jdbc.sql("select * from work_unit where name = ?").param(unit.name()).query(WorkUnits::row)
            .optional();
    }

    /**
     * Records that {@code owner} starts the unit; returns whether it takes the unit over from a holder whose run
     * never ended (an instance that died, whose lease ran out).
     */
    boolean started(WorkUnit unit, String owner, Instant at) {
        Optional<UnitRow> previous = find(unit);
        if (previous.isEmpty()) {
            this.jdbc.sql("insert into work_unit (name, kind, account_id, region, owner, started_at, runs, takeovers) "
                    + "values (?, ?, ?, ?, ?, ?, 1, 0)")
                .params(unit.name(), unit.kind().name(), unit.region().account(), unit.region().region(), owner,
                        utc(at))
                .update();
            return false;
        }
        boolean takeover = previous.get().running() && !owner.equals(previous.get().owner());
        this.jdbc.sql("update work_unit set owner = ?, started_at = ?, runs = runs + 1, takeovers = takeovers + ? "
                + "where name = ?")
            .params(owner, utc(at), takeover ? 1 : 0, unit.name())
            .update();
        return takeover;
    }

    void ended(WorkUnit unit, Instant at, Duration took, Instant nextRunAt, @Nullable String error,
            @Nullable String detail) {
        if (error == null) {
            this.jdbc.sql("update work_unit set ended_at = ?, duration_ms = ?, next_run_at = ?, last_success_at = ?, "
                    + "failing_since = null, detail = ? where name = ?")
                .params(utc(at), took.toMillis(), utc(nextRunAt), utc(at), clip(detail, 4000), unit.name())
                .update();
        }
        else {
            this.jdbc.sql("update work_unit set ended_at = ?, duration_ms = ?, next_run_at = ?, last_error = ?, "
                    + "last_error_at = ?, failing_since = coalesce(failing_since, ?), detail = ? where name = ?")
                .params(utc(at), took.toMillis(), utc(nextRunAt), clip(error, MAX_TEXT), utc(at), utc(at),
                        clip(detail, 4000), unit.name())
                .update();
        }
    }

    void fullyRefreshed(WorkUnit unit, Instant at) {
        this.jdbc.sql("update work_unit set full_refresh_at = ? where name = ?").params(utc(at), unit.name()).update();
    }

    private static @Nullable String clip(@Nullable String text, int max) {
        return (text == null || text.length() <= max) ? text : text.substring(0, max);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static UnitRow row(ResultSet rs, int n) throws SQLException {
        long duration = rs.getLong("duration_ms");
        Long durationMs = rs.wasNull() ? null : duration;
        return new UnitRow(rs.getString("name"), rs.getString("kind"), rs.getString("account_id"),
                rs.getString("region"), rs.getString("owner"), instant(rs, "started_at"), instant(rs, "ended_at"),
                durationMs, instant(rs, "next_run_at"), instant(rs, "last_success_at"), rs.getString("last_error"),
                instant(rs, "last_error_at"), rs.getString("detail"), instant(rs, "full_refresh_at"),
                rs.getLong("runs"), rs.getLong("takeovers"), instant(rs, "failing_since"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return (value != null) ? value.toInstant() : null;
    }
}
