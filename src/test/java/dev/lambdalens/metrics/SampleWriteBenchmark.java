package dev.lambdalens.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prints the sample write rate of a 24-hour backfill of many functions into H2 (file) and PostgreSQL, written the
 * way the collector writes it: one upsert call per GetMetricData-sized batch (70 series x 1,440 minutes), followed
 * by one trailing re-fetch of 15 minutes over every series. Not a test: run it with {@code ./mvnw -Pbench
 * test-compile exec:java} (PostgreSQL needs an unprivileged user).
 */
public final class SampleWriteBenchmark {

    private static final int MINUTES = 1_440;

    private static final int SERIES_PER_CALL = 70;

    private static final long START = 1_795_824_000L; // 2026-11-28T00:00:00Z

    private SampleWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int functions = Integer.getInteger("bench.functions", 1_000);
        String databases = System.getProperty("bench.databases", "h2,postgresql");
        List<SeriesKey> series = series(functions);
        System.out.printf(Locale.ROOT, "%d functions, %d series, %d minutes: %,d samples per backfill%n", functions,
                series.size(), MINUTES, (long) series.size() * MINUTES);
        for (String database : databases.split(",")) {
            DataSource dataSource = switch (database.trim()) {
                case "h2" -> h2File();
                case "postgresql" -> postgresql();
                default -> throw new IllegalArgumentException("Unknown database " + database);
            };
            run(database.trim(), dataSource, series);
        }
    }

    private static void run(String database, DataSource dataSource, List<SeriesKey> series) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        SeriesCatalog catalog = new SeriesCatalog(jdbc, dataSource);
        SampleStore store = new SampleStore(dataSource, new JdbcTemplate(dataSource),
                new TransactionTemplate(new JdbcTransactionManager(dataSource)), catalog, new SampleChanges(new JdbcTemplate(dataSource), java.time.Clock.systemUTC()));
        series.forEach(catalog::idOf); // series rows exist after the first cycle; time the samples alone

        long written = 0;
        long started = System.nanoTime();
        for (int from = 0; from < series.size(); from += SERIES_PER_CALL) {
            written += store.upsert(batch(series.subList(from, Math.min(series.size(), from + SERIES_PER_CALL)), 0,
                    MINUTES, 0));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%-10s backfill: %,d samples in %.1f s = %,.0f samples/s%n", database, written,
                seconds, written / seconds);

        long refetched = 0;
        started = System.nanoTime();
        for (int from = 0; from < series.size(); from += 500) {
            refetched += store.upsert(batch(series.subList(from, Math.min(series.size(), from + 500)), MINUTES - 15,
                    MINUTES, 1));
        }
        seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%-10s trailing re-fetch (15 min, late values changed): %,d samples in %.2f s = "
                + "%,.0f samples/s%n", database, refetched, seconds, refetched / seconds);
        long stored = new SeriesQueries(jdbc, catalog).sampleCount();
        System.out.printf(Locale.ROOT, "%-10s rows stored: %,d (idempotent: %s)%n", database, stored,
                stored == written ? "yes" : "NO");
    }

    private static Map<SeriesKey, List<Point>> batch(List<SeriesKey> keys, int fromMinute, int toMinute, int salt) {
        Map<SeriesKey, List<Point>> batch = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(keys.hashCode() + salt);
        for (SeriesKey key : keys) {
            List<Point> points = new ArrayList<>(toMinute - fromMinute);
            for (int m = fromMinute; m < toMinute; m++) {
                points.add(new Point(START + m * 60L, Math.floor(random.nextDouble() * 5_000)));
            }
            batch.put(key, points);
        }
        return batch;
    }

    private static List<SeriesKey> series(int functions) {
        List<SeriesKey> series = new ArrayList<>();
        for (int i = 0; i < functions; i++) {
            String name = "function-" + i;
            for (LambdaMetric metric : LambdaMetric.values()) {
                if (metric.scope().perFunction()) {
                    for (Statistic statistic : metric.statistics()) {
                        series.add(SeriesKey.ofFunction("123456789012", "us-east-1", name, metric, statistic));
                    }
                }
            }
        }
        return series;
    }

    private static DataSource h2File() throws Exception {
        Path directory = Files.createTempDirectory("lambdalens-bench");
        return new DriverManagerDataSource("jdbc:h2:file:" + directory.resolve("bench") + ";DB_CLOSE_ON_EXIT=FALSE",
                "sa", "");
    }

    private static DataSource postgresql() {
        String url = EmbeddedPostgresSupport.freshDatabaseUrl("bench");
        return new DriverManagerDataSource(url);
    }
}
