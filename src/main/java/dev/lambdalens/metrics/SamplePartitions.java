package dev.lambdalens.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The time partitions of the sample and rollup tables on PostgreSQL (see the V29 migration): daily for 1-minute
 * samples, weekly (from Monday) for hourly rollups. Partitions are created ahead of time by each retention pass and,
 * for a day or week a write reaches that has none yet (a backfill, a clock ahead), just before that write; retention
 * drops the partitions whose every row is past it. On H2 every method does nothing: its tables are not partitioned.
 */
final class SamplePartitions {

    private static final Logger logger = LoggerFactory.getLogger(SamplePartitions.class);

    private static final Pattern LOWER_BOUND = Pattern.compile("FROM \\('?(-?\\d+)'?\\)");

    private static final Pattern UPPER_BOUND = Pattern.compile("TO \\('?(-?\\d+)'?\\)");

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** A partitioned table: its name, the length of one partition and where the periods start. */
    enum Table {

        SAMPLES("metric_sample", 86_400, 0),
        /** Weeks from Monday: 1970-01-05 is the first Monday after the epoch. */
        ROLLUPS("metric_rollup", 7 * 86_400, 4 * 86_400);

        final String name;

        final long period;

        final long origin;

        Table(String name, long period, long origin) {
            this.name = name;
            this.period = period;
            this.origin = origin;
        }

        long periodStart(long epochSecond) {
            return Math.floorDiv(epochSecond - this.origin, this.period) * this.period + this.origin;
        }
    }

    private final JdbcClient jdbc;

    private final boolean partitioned;

    /** Period starts known to have a partition (or to lie in the one attached by the migration). */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    SamplePartitions(JdbcClient jdbc, SampleUpsert dialect) {
        this.jdbc = jdbc;
        this.partitioned = dialect == SampleUpsert.POSTGRESQL;
    }

    /** Forgets which partitions exist, so that the next write checks again (after a drop elsewhere). */
    void forget() {
        this.known.clear();
    }

    boolean partitioned() {
        return this.partitioned;
    }

    /** Makes sure every period of [from, to] has a partition; cheap for periods already seen. */
    void cover(Table table, long from, long to) {
        if (!this.partitioned) {
            return;
        }
        for (long start = table.periodStart(from); start <= to; start += table.period) {
            String name = partitionName(table, start);
            if (!this.known.contains(name)) {
                create(table, name, start);
            }
        }
    }

    /** Partitions for today (this week) and {@code ahead} beyond, so that writes seldom have to create one. */
    void createAhead(Instant now, Duration ahead) {
        long from = now.getEpochSecond();
        cover(Table.SAMPLES, from, from + ahead.toSeconds());
        cover(Table.ROLLUPS, from, from + Math.max(ahead.toSeconds(), Table.ROLLUPS.period));
    }

    /**
     * Drops the partitions of {@code table} that end at or before {@code cutoff}: all their rows are past retention.
     * A drop takes a short exclusive lock on the parent table; it is one statement per day or week, not a DELETE per
     * series. Returns the partitions dropped.
     */
    int dropBefore(Table table, long cutoff) {
        if (!this.partitioned) {
            return 0;
        }
        List<String> expired = bounds(table).stream().filter((b) -> b.to() <= cutoff).map(Bounds::name).toList();
        for (String partition : expired) {
            this.jdbc.sql("drop table if exists " + partition).update();
            this.known.remove(partition);
            logger.info("Dropped partition {}: its rows are past retention", partition);
        }
        return expired.size();
    }

    /** The partitions of a table, by name: what tests and the benchmark look at. */
    List<String> partitionsOf(Table table) {
        return bounds(table).stream().map(Bounds::name).sorted().toList();
    }

    static String partitionName(Table table, long start) {
        return table.name + "_" + LocalDate.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC).format(NAME);
    }

    private void create(Table table, String name, long start) {
        try {
            this.jdbc.sql("create table if not exists " + name + " partition of " + table.name + " for values from ("
                    + start + ") to (" + (start + table.period) + ")").update();
        }
        catch (DataAccessException ex) {
            // another instance created it a moment ago, or the period lies inside the partition the migration attached
            // for the rows from before partitioning: either way the period has a partition
            if (!covered(table, start)) {
                throw ex;
            }
        }
        this.known.add(name);
    }

    /** Whether some partition takes rows of the period starting at {@code start}. */
    private boolean covered(Table table, long start) {
        return bounds(table).stream().anyMatch((b) -> b.from() <= start && start < b.to());
    }

    /** Every partition of a table with its range [from, to). */
    private List<Bounds> bounds(Table table) {
        return this.jdbc.sql("""
                select c.relname, pg_get_expr(c.relpartbound, c.oid) from pg_inherits i
                join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
                where p.relname = ? and c.relnamespace = p.relnamespace
                and p.relnamespace = to_regnamespace(current_schema())""")
            .param(table.name)
            .query((rs, row) -> {
                String bound = rs.getString(2);
                Matcher lower = LOWER_BOUND.matcher(bound);
                Matcher upper = UPPER_BOUND.matcher(bound);
                return (lower.find() && upper.find())
                        ? new Bounds(rs.getString(1), Long.parseLong(lower.group(1)), Long.parseLong(upper.group(1)))
                        : new Bounds(rs.getString(1), Long.MIN_VALUE, Long.MIN_VALUE);
            })
            .list();
    }

    /** One partition's range of timestamps. */
    private record Bounds(String name, long from, long to) {
    }
}
