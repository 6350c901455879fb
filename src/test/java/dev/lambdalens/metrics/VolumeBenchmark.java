package dev.lambdalens.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import com.zaxxer.hikari.HikariDataSource;
import dev.lambdalens.metrics.SamplePartitions.Table;
import dev.lambdalens.testing.EmbeddedPostgresSupport;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store at organisation volume on PostgreSQL (partitioned): {@code bench.functions} functions (default 10,000)
 * x 8 series, 2 days of minutes and 30 days of hourly rollups generated in the database with generate_series, then
 * one retention pass, 30-day series queries, the overview's per-function figures, a function page's series reads,
 * the table and index sizes, and one collection cycle of 10,000 functions stored. Prints numbers, asserts nothing.
 * {@code ./mvnw -Pbench test-compile exec:java -Dbench.main=dev.lambdalens.metrics.VolumeBenchmark
 * -Dbench.functions=1000} (as an unprivileged user: PostgreSQL refuses root).
 */
public final class VolumeBenchmark {

    static final long NOW = Math.floorDiv(Instant.now().getEpochSecond(), 3_600) * 3_600;

    static final String ACCOUNT = "123456789012";

    static final String[][] SERIES = { { "Invocations", "Sum", "Count" }, { "Errors", "Sum", "Count" },
        { "Throttles", "Sum", "Count" }, { "Duration", "Average", "Milliseconds" },
        { "Duration", "Maximum", "Milliseconds" }, { "Duration", "p99", "Milliseconds" },
        { "Duration", "Sum", "Milliseconds" }, { "ConcurrentExecutions", "Maximum", "Count" } };

    private VolumeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int functions = Integer.getInteger("bench.functions", 10_000);
        int cycleFunctions = Integer.getInteger("bench.cycleFunctions", 10_000);
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(EmbeddedPostgresSupport.freshDatabaseUrl("volume"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<String> rows = new ArrayList<>();
        rows.add(row("functions with history x series", String.format(Locale.ROOT, "%,d x 8", functions)));

        // 1. generate: series rows, partitions, 2 days of minutes, 30 days of hourly rollups
        long t = System.nanoTime();
        StringBuilder values = new StringBuilder();
        for (String[] s : SERIES) {
            values.append(values.isEmpty() ? "" : ", ").append("('").append(s[0]).append("', '").append(s[1])
                .append("', '").append(s[2]).append("')");
        }
        jdbc.sql("insert into metric_series (account_id, region, function_name, metric, statistic, unit, created_at) "
                + "select '" + ACCOUNT + "', 'us-east-1', 'fn-' || f, m.metric, m.stat, m.unit, 0 "
                + "from generate_series(0, " + (Math.max(functions, cycleFunctions) - 1) + ") f cross join (values "
                + values + ") m(metric, stat, unit)").update();
        SamplePartitions partitions = new SamplePartitions(jdbc, SampleUpsert.POSTGRESQL);
        long minutesFrom = NOW - 2 * 86_400;
        long rollupsFrom = NOW - 30 * 86_400;
        partitions.cover(Table.SAMPLES, minutesFrom, NOW + 86_400);
        partitions.cover(Table.ROLLUPS, rollupsFrom, NOW);
        String historic = "s.function_name <> '' and cast(substring(s.function_name from 4) as integer) < " + functions;
        // bulk-load as a restore would: the primary key built once after the rows rather than row by row, each day's
        // partition filled on a connection of its own, checkpoints spread out
        jdbc.sql("alter system set max_wal_size = '16GB'").update();
        jdbc.sql("select pg_reload_conf()").query().listOfRows();
        jdbc.sql("alter table metric_sample drop constraint pk_metric_sample").update();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<Integer>> days = new ArrayList<>();
        for (long day = minutesFrom; day < NOW; day += 86_400) {
            long first = day;
            days.add(pool.submit(() -> jdbc.sql("insert into metric_sample (series_id, ts, val) select s.id, m, "
                    + "(s.id % 97) + ((m / 60) % 13) from metric_series s cross join generate_series(" + first + ", "
                    + (first + 86_400 - 60) + ", 60) m where " + historic).update()));
        }
        long samples = 0;
        for (java.util.concurrent.Future<Integer> day : days) {
            samples += day.get();
        }
        pool.shutdown();
        double loadSeconds = seconds(t);
        long keyStart = System.nanoTime();
        jdbc.sql("alter table metric_sample add constraint pk_metric_sample primary key (series_id, ts)").update();
        rows.add(row("primary key of the samples built after the load", String.format(Locale.ROOT,
                "%.0f s (rows loaded in %.0f s)", seconds(keyStart), loadSeconds)));
        double sampleSeconds = seconds(t);
        t = System.nanoTime();
        long rollups = jdbc.sql("insert into metric_rollup (series_id, hour_ts, val_sum, val_count, val_min, val_max) "
                + "select s.id, h, 60.0 * (s.id % 97), 60, 0, 12 + (s.id % 97) from metric_series s "
                + "cross join generate_series(" + rollupsFrom + ", " + (NOW - 3_600) + ", 3600) h where " + historic)
            .update();
        double rollupSeconds = seconds(t);
        jdbc.sql("analyze").update();
        rows.add(row("sample rows generated (generate_series)", String.format(Locale.ROOT, "%,d in %.0f s (%,.0f rows/s)",
                samples, sampleSeconds, samples / sampleSeconds)));
        rows.add(row("rollup rows generated", String.format(Locale.ROOT, "%,d in %.0f s", rollups, rollupSeconds)));
        sizes(jdbc, rows, "after generation");

        // 2. one retention pass at the defaults (creates partitions ahead; nothing is old enough to drop), then one 14
        // days on, when the first day of minutes is past the 15 days kept and leaves by a partition drop
        Retention retention = retention(dataSource, jdbc, NOW);
        t = System.nanoTime();
        long dropped = retention.run();
        rows.add(row("retention pass at the defaults", String.format(Locale.ROOT, "%.0f ms (%d hours rolled up)",
                millis(t), dropped)));
        long before = count(jdbc, "metric_sample");
        Retention later = retention(dataSource, jdbc, NOW + 14 * 86_400);
        t = System.nanoTime();
        long droppedPartitions = later.prune();
        rows.add(row("retention pass dropping a day of minutes", String.format(Locale.ROOT,
                "%.0f ms: %d partition(s), %,d rows", millis(t), droppedPartitions,
                before - count(jdbc, "metric_sample"))));

        // 3. queries
        SeriesCatalog catalog = new SeriesCatalog(jdbc, dataSource);
        SeriesQueries queries = new SeriesQueries(jdbc, catalog);
        SplittableRandom random = new SplittableRandom(17);
        Instant now = Instant.ofEpochSecond(NOW);
        rows.add(row("series query, 30 d at 1 h (rollups)", percentiles(200, () -> queries.read(
                key(random.nextInt(functions), LambdaMetric.INVOCATIONS, Statistic.SUM), now.minus(Duration.ofDays(30)),
                now, 3_600))));
        rows.add(row("series query, 30 d Duration Average at 1 h (weighted)", percentiles(100, () -> queries.read(
                key(random.nextInt(functions), LambdaMetric.DURATION, Statistic.AVERAGE),
                now.minus(Duration.ofDays(30)), now, 3_600))));
        // the overview's table: five figures per function over the last hour, every function of the region
        rows.add(row("overview figures (5 per function, last hour, all functions)", percentiles(10, () -> {
            queries.perFunction(LambdaMetric.INVOCATIONS, Statistic.SUM, now.minusSeconds(3_600), now);
            queries.perFunction(LambdaMetric.ERRORS, Statistic.SUM, now.minusSeconds(3_600), now);
            queries.perFunction(LambdaMetric.THROTTLES, Statistic.SUM, now.minusSeconds(3_600), now);
            queries.perFunction(LambdaMetric.CONCURRENT_EXECUTIONS, Statistic.MAXIMUM, now.minusSeconds(3_600), now);
            queries.perFunction(LambdaMetric.DURATION, Statistic.P99, now.minusSeconds(3_600), now);
        })));
        // a function page: its 8 series over 24 h at 1 minute
        rows.add(row("function page (8 series, 24 h at 60 s)", percentiles(50, () -> {
            int f = random.nextInt(functions);
            for (String[] s : SERIES) {
                queries.read(key(f, LambdaMetric.fromMetricName(s[0]).orElseThrow(),
                        Statistic.fromWireName(s[1]).orElseThrow()), now.minus(Duration.ofDays(1)), now, 60);
            }
        })));
        sizes(jdbc, rows, "after the retention pass");

        // 4. one collection cycle of cycleFunctions functions: the trailing 15 minutes of 8 series each, upserted
        SampleStore store = new SampleStore(dataSource, new JdbcTemplate(dataSource),
                new TransactionTemplate(new JdbcTransactionManager(dataSource)), catalog, new SampleChanges(new JdbcTemplate(dataSource), java.time.Clock.systemUTC()));
        for (int round = 0; round < 2; round++) {
            Map<SeriesKey, List<Point>> cycle = new HashMap<>();
            long last = NOW - 60 + round * 60L;
            for (int f = 0; f < cycleFunctions; f++) {
                for (String[] s : SERIES) {
                    List<Point> points = new ArrayList<>(15);
                    for (int m = 14; m >= 0; m--) {
                        points.add(new Point(last - m * 60L, f % 97 + m + round));
                    }
                    cycle.put(key(f, LambdaMetric.fromMetricName(s[0]).orElseThrow(),
                            Statistic.fromWireName(s[1]).orElseThrow()), points);
                }
            }
            t = System.nanoTime();
            int written = 0;
            // in batches of 500 series, as GetMetricData answers arrive
            List<SeriesKey> keys = new ArrayList<>(cycle.keySet());
            for (int i = 0; i < keys.size(); i += 500) {
                Map<SeriesKey, List<Point>> batch = new HashMap<>();
                keys.subList(i, Math.min(keys.size(), i + 500)).forEach((k) -> batch.put(k, cycle.get(k)));
                written += store.upsert(batch);
            }
            rows.add(row("collection cycle stored, " + String.format(Locale.ROOT, "%,d", cycleFunctions)
                    + " functions x 8 series x 15 min" + ((round == 0) ? " (catalog cold)" : " (warm)"),
                    String.format(Locale.ROOT, "%,d points in %.1f s (%,.0f points/s)", written, seconds(t),
                            written / seconds(t))));
        }
        System.out.println();
        System.out.println("| measure | result |");
        System.out.println("|---|---|");
        rows.forEach(System.out::println);
        dataSource.close();
    }

    private static Retention retention(HikariDataSource dataSource, JdbcClient jdbc, long now) {
        return new Retention(dataSource, jdbc, new TransactionTemplate(new JdbcTransactionManager(dataSource)),
                new RetentionProperties(true, Duration.ofDays(15), Duration.ofDays(455), Duration.ofMinutes(5),
                        Duration.ofDays(7)),
                Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
    }

    private static void sizes(JdbcClient jdbc, List<String> rows, String when) {
        for (String table : List.of("metric_sample", "metric_rollup")) {
            Map<String, Object> size = jdbc.sql("""
                    select coalesce(sum(pg_table_size(i.inhrelid)), 0) as t, coalesce(sum(pg_indexes_size(i.inhrelid)), 0) as x
                    from pg_inherits i join pg_class p on p.oid = i.inhparent where p.relname = ?""")
                .param(table)
                .query()
                .singleRow();
            rows.add(row(table + " size " + when, String.format(Locale.ROOT, "table %s, indexes %s",
                    mb(((Number) size.get("t")).longValue()), mb(((Number) size.get("x")).longValue()))));
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / 1_048_576.0);
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static SeriesKey key(int function, LambdaMetric metric, Statistic statistic) {
        return SeriesKey.ofFunction(ACCOUNT, "us-east-1", "fn-" + function, metric, statistic);
    }

    private static String percentiles(int runs, Runnable action) {
        action.run();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            action.run();
            ms[i] = millis(t);
        }
        Arrays.sort(ms);
        return String.format(Locale.ROOT, "p50 %.2f ms, p95 %.2f ms, max %.2f ms (%d runs)", ms[runs / 2],
                ms[(int) Math.ceil(runs * 0.95) - 1], ms[runs - 1], runs);
    }

    private static String row(String measure, String result) {
        return "| " + measure + " | " + result + " |";
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
