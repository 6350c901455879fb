package dev.lambdalens.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import dev.lambdalens.testing.EmbeddedPostgresSupport;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prints, per database, the store's ingest rate next to a plain JDBC batch insert into a table of the same shape
 * (the ratio is the figure that matters), and series query latency for 1 h, 24 h and 30 d ranges with 1,000
 * functions and 30 days stored (the last two days as minutes, the 30 days as hourly rollups, which is what a 30-day
 * query reads). Not a test: {@code ./mvnw -Pbench test-compile exec:java -Dbench.main=dev.lambdalens.metrics.ScaleBenchmark}
 * (PostgreSQL needs an unprivileged user; {@code -Dbench.databases=h2} for H2 alone).
 */
public final class ScaleBenchmark {

    static final long NOW = 1_795_867_200L; // 2026-11-28T12:00:00Z, on the hour

    static final String ACCOUNT = "123456789012";

    /** Timed rounds of the ingest comparison. */
    static final int ROUNDS = 5;

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int functions = Integer.getInteger("bench.functions", 1_000);
        List<String> rows = new ArrayList<>();
        for (String database : System.getProperty("bench.databases", "h2,postgresql").split(",")) {
            // pooled, as in the application: opening a connection per call would be timed as the store's cost
            com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource();
            dataSource.setJdbcUrl("h2".equals(database.trim()) ? h2File()
                    : EmbeddedPostgresSupport.freshDatabaseUrl("scale"));
            dataSource.setUsername("h2".equals(database.trim()) ? "sa" : "postgres");
            dataSource.setMaximumPoolSize(4);
            rows.addAll(run(database.trim(), dataSource, functions));
        }
        System.out.println();
        System.out.println("| database | measure | result |");
        System.out.println("|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static List<String> run(String database, DataSource dataSource, int functions) throws Exception {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        SeriesCatalog catalog = new SeriesCatalog(jdbc, dataSource);
        SampleStore store = new SampleStore(dataSource, new JdbcTemplate(dataSource),
                new TransactionTemplate(new JdbcTransactionManager(dataSource)), catalog, new SampleChanges(new JdbcTemplate(dataSource), java.time.Clock.systemUTC()));
        SeriesQueries queries = new SeriesQueries(jdbc, catalog);
        List<String> rows = new ArrayList<>();

        // 1. ingest: one hour of every non-Insights series of every function, as the collector writes it
        List<SeriesKey> series = new ArrayList<>();
        for (int f = 0; f < functions; f++) {
            for (LambdaMetric metric : LambdaMetric.values()) {
                if (metric.scope().perFunction() && !metric.insights()) {
                    for (Statistic statistic : metric.statistics()) {
                        series.add(SeriesKey.ofFunction(ACCOUNT, "us-east-1", "fn-" + f, metric, statistic));
                    }
                }
            }
        }
        long[] ids = series.stream().mapToLong(catalog::idOf).toArray();
        jdbc.sql("create table bench_plain (series_id bigint not null, ts bigint not null, val double precision not null, "
                + "primary key (series_id, ts))").update();
        int minutes = 60;
        // a first hour of each, untimed, warms the JIT and the database for all alike; then five rounds, each
        // writing a further hour both ways, the one going first alternating, and the best round of each is taken
        // (background work of the database, such as H2's file-store compaction, otherwise lands on whichever runs
        // next)
        ingest(store, series, NOW - 3 * 86_400, minutes, true);
        plainInsert(dataSource, series, ids, NOW - 3 * 86_400, minutes);
        double storeRate = 0;
        double plainRate = 0;
        long written = 0;
        long start = NOW - 2 * 86_400;
        for (int round = 0; round < ROUNDS; round++) {
            long hour = start - round * 3_600L - 7_200;
            for (int turn = 0; turn < 2; turn++) {
                long began = System.nanoTime();
                if ((round + turn) % 2 == 0) {
                    written = ingest(store, series, hour, minutes, true);
                    storeRate = Math.max(storeRate, written / ((System.nanoTime() - began) / 1e9));
                }
                else {
                    long plain = plainInsert(dataSource, series, ids, hour, minutes);
                    plainRate = Math.max(plainRate, plain / ((System.nanoTime() - began) / 1e9));
                }
            }
        }
        ingest(store, series, start, minutes, true);
        // last, so that the old row versions an upsert leaves behind slow nothing else down
        long began = System.nanoTime();
        long upserted = ingest(store, series, start, minutes, false);
        double upsertRate = upserted / ((System.nanoTime() - began) / 1e9);
        rows.add(String.format(Locale.ROOT, "| %s | ingest of new minutes, %,d samples (%,d series x %d min), best of %d "
                + "| store %,.0f/s, plain JDBC batch %,.0f/s: **%.0f%%** |", database, written, series.size(), minutes,
                ROUNDS, storeRate, plainRate, storeRate * 100 / plainRate));
        System.out.println(rows.get(rows.size() - 1));
        rows.add(String.format(Locale.ROOT, "| %s | re-fetch of the same minutes (upsert over stored rows) | %,.0f/s "
                + "(%.0f%% of the plain insert) |", database, upsertRate, upsertRate * 100 / plainRate));
        System.out.println(rows.get(rows.size() - 1));
        queries(database, dataSource, jdbc, catalog, store, queries, functions, rows);
        return rows;
    }

    private static long ingest(SampleStore store, List<SeriesKey> series, long start, int minutes, boolean fresh) {
        long written = 0;
        for (int from = 0; from < series.size(); from += 70) {
            Map<SeriesKey, List<Point>> batch = new LinkedHashMap<>();
            for (SeriesKey key : series.subList(from, Math.min(series.size(), from + 70))) {
                batch.put(key, points(key.hashCode(), start, minutes));
            }
            written += fresh ? store.insertNew(batch) : store.upsert(batch);
        }
        return written;
    }

    /** The same samples in the same chunks, by a plain batched INSERT into a table of the same shape. */
    private static long plainInsert(DataSource dataSource, List<SeriesKey> series, long[] ids, long start, int minutes)
            throws Exception {
        long plain = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into bench_plain values (?, ?, ?)")) {
                for (int from = 0; from < ids.length; from += 70) {
                    int count = 0;
                    for (int i = from; i < Math.min(ids.length, from + 70); i++) {
                        for (Point p : points(series.get(i).hashCode(), start, minutes)) {
                            insert.setLong(1, ids[i]);
                            insert.setLong(2, p.epochSecond());
                            insert.setDouble(3, p.value());
                            insert.addBatch();
                            if (++count % 1_000 == 0) {
                                insert.executeBatch();
                            }
                            plain++;
                        }
                    }
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
        return plain;
    }

    private static void queries(String database, DataSource dataSource, JdbcClient jdbc, SeriesCatalog catalog,
            SampleStore store, SeriesQueries queries, int functions, List<String> rows) throws Exception {
        long began;

        // 2. queries: Invocations of 1,000 functions, two days of minutes and 30 days of hourly rollups
        List<SeriesKey> invocations = new ArrayList<>();
        for (int f = 0; f < functions; f++) {
            invocations.add(SeriesKey.ofFunction(ACCOUNT, "eu-west-1", "fn-" + f, LambdaMetric.INVOCATIONS,
                    Statistic.SUM));
        }
        for (int from = 0; from < invocations.size(); from += 50) {
            Map<SeriesKey, List<Point>> batch = new LinkedHashMap<>();
            for (SeriesKey key : invocations.subList(from, Math.min(invocations.size(), from + 50))) {
                batch.put(key, points(key.hashCode(), NOW - 2 * 86_400, 2 * 1_440));
            }
            store.upsert(batch);
        }
        Retention retention = new Retention(dataSource, jdbc, new TransactionTemplate(new JdbcTransactionManager(dataSource)),
                new RetentionProperties(true, Duration.ofDays(15), Duration.ofDays(455), Duration.ofMinutes(5), Duration.ofDays(7)),
                java.time.Clock.fixed(Instant.ofEpochSecond(NOW), java.time.ZoneOffset.UTC));
        began = System.nanoTime();
        int hours = retention.rollUpPending();
        rows.add(String.format(Locale.ROOT, "| %s | roll-up of %,d pending (region, hour) pairs, %,d series | %.1f s |",
                database, hours, functions * 9, (System.nanoTime() - began) / 1e9));
        System.out.println(rows.get(rows.size() - 1));
        // the 28 older days as rollups, as the roll-up would have left them
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into metric_rollup "
                    + "(series_id, hour_ts, val_sum, val_count, val_min, val_max) values (?, ?, ?, 60, 0, 100)")) {
                int count = 0;
                for (SeriesKey key : invocations) {
                    long id = catalog.idOf(key);
                    for (long h = NOW - 30 * 86_400; h < NOW - 2 * 86_400; h += 3_600) {
                        insert.setLong(1, id);
                        insert.setLong(2, h);
                        insert.setDouble(3, 3_000);
                        insert.addBatch();
                        if (++count % 1_000 == 0) {
                            insert.executeBatch();
                        }
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
        }
        SplittableRandom random = new SplittableRandom(42);
        for (Duration range : List.of(Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(30))) {
            long step = Steps.stepFor(range, Steps.DEFAULT_MAX_POINTS);
            Instant to = Instant.ofEpochSecond(NOW);
            Instant from = to.minus(range);
            for (int i = 0; i < 100; i++) {
                queries.read(invocations.get(random.nextInt(functions)), from, to, step);
            }
            long[] nanos = new long[500];
            int points = 0;
            for (int i = 0; i < nanos.length; i++) {
                long t = System.nanoTime();
                points = queries.read(invocations.get(random.nextInt(functions)), from, to, step).points().size();
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            rows.add(String.format(Locale.ROOT, "| %s | series query, %s range (step %d s, %d points) | p50 %.2f ms, "
                    + "p95 %.2f ms, p99 %.2f ms |", database, label(range), step, points, nanos[250] / 1e6,
                    nanos[475] / 1e6, nanos[495] / 1e6));
            System.out.println(rows.get(rows.size() - 1));
        }
        long samples = queries.sampleCount();
        long rollups = jdbc.sql("select count(*) from metric_rollup").query(Long.class).single();
        rows.add(String.format(Locale.ROOT, "| %s | stored | %,d samples, %,d hourly rollups |", database, samples,
                rollups));
    }

    private static String label(Duration range) {
        return range.toDays() > 0 ? range.toDays() + " d" : range.toHours() + " h";
    }

    private static List<Point> points(int seed, long start, int minutes) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Point> points = new ArrayList<>(minutes);
        for (int m = 0; m < minutes; m++) {
            points.add(new Point(start + m * 60L, Math.floor(random.nextDouble() * 100)));
        }
        return points;
    }

    private static String h2File() throws Exception {
        Path directory = Files.createTempDirectory("lambdalens-scale");
        return "jdbc:h2:file:" + directory.resolve("bench") + ";DB_CLOSE_ON_EXIT=FALSE";
    }
}
