package dev.lambdalens.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.lambdalens.testing.MutableClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sample store promises, on whichever database a subclass provides.
 */
abstract class SampleStoreContract {

    static final String ACCOUNT = "123456789012";

    static final long T0 = Instant.parse("2026-11-28T10:00:00Z").getEpochSecond();

    static final SeriesKey INVOCATIONS = SeriesKey.ofFunction(ACCOUNT, "us-east-1", "orders-api",
            LambdaMetric.INVOCATIONS, Statistic.SUM);

    static final SeriesKey CONCURRENCY = SeriesKey.ofFunction(ACCOUNT, "us-east-1", "orders-api",
            LambdaMetric.CONCURRENT_EXECUTIONS, Statistic.MAXIMUM);

    static final SeriesKey ACCOUNT_INVOCATIONS = SeriesKey.ofAccount(ACCOUNT, "us-east-1", LambdaMetric.INVOCATIONS,
            Statistic.SUM);

    SampleStore store;

    DataSource dataSource;

    SeriesQueries queries;

    JdbcClient jdbc;

    abstract DataSource dataSource();

    @BeforeEach
    void migrate() {
        this.dataSource = dataSource();
        DataSource dataSource = this.dataSource;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        this.jdbc = JdbcClient.create(dataSource);
        SeriesCatalog catalog = new SeriesCatalog(this.jdbc);
        this.store = new SampleStore(dataSource, new JdbcTemplate(dataSource),
                new TransactionTemplate(new JdbcTransactionManager(dataSource)), catalog);
        this.queries = new SeriesQueries(this.jdbc, catalog);
    }

    @Test
    void shouldReadBackWhatWasStored() {
        int written = this.store.upsert(Map.of(INVOCATIONS, List.of(point(0, 10), point(1, 12), point(2, 7))));
        assertThat(written).isEqualTo(3);
        assertThat(read(INVOCATIONS, 60)).containsExactly(point(0, 10), point(1, 12), point(2, 7));
    }

    @Test
    void shouldReplaceALateValueInPlaceWithoutDuplicatingIt() {
        this.store.upsert(Map.of(INVOCATIONS, List.of(point(0, 10), point(1, 3))));
        // the trailing re-fetch brings the late datapoints of minute 1, and minute 2 for the first time
        this.store.upsert(Map.of(INVOCATIONS, List.of(point(0, 10), point(1, 12), point(2, 7))));
        assertThat(read(INVOCATIONS, 60)).containsExactly(point(0, 10), point(1, 12), point(2, 7));
        assertThat(this.queries.sampleCount()).isEqualTo(3);
    }

    @Test
    void shouldBeIdempotentOverALargeBatchWrittenTwice() {
        List<Point> day = java.util.stream.IntStream.range(0, 2_500).mapToObj((m) -> point(m, m % 17)).toList();
        this.store.upsert(Map.of(INVOCATIONS, day, CONCURRENCY, day));
        this.store.upsert(Map.of(INVOCATIONS, day, CONCURRENCY, day));
        assertThat(this.queries.sampleCount()).isEqualTo(5_000);
        assertThat(read(INVOCATIONS, 60)).containsExactlyElementsOf(day);
    }

    @Test
    void shouldKeepTheAccountLevelApartFromItsFunctions() {
        this.store.upsert(Map.of(INVOCATIONS, List.of(point(0, 10)), ACCOUNT_INVOCATIONS, List.of(point(0, 99))));
        assertThat(read(INVOCATIONS, 60)).containsExactly(point(0, 10));
        assertThat(read(ACCOUNT_INVOCATIONS, 60)).containsExactly(point(0, 99));
    }

    @Test
    void shouldRollUpCoarseStepsWithTheStatisticsOwnAggregate() {
        List<Point> minutes = List.of(point(0, 1), point(1, 5), point(2, 2), point(5, 4), point(6, 9));
        this.store.upsert(Map.of(INVOCATIONS, minutes, CONCURRENCY, minutes));
        assertThat(read(INVOCATIONS, 300)).containsExactly(point(0, 8), point(5, 13));
        assertThat(read(CONCURRENCY, 300)).containsExactly(point(0, 5), point(5, 9));
    }

    @Test
    void shouldRoundTheStartDownToTheStepAsCloudWatchDoes() {
        this.store.upsert(Map.of(INVOCATIONS, List.of(point(0, 1), point(1, 2), point(4, 3), point(5, 4))));
        List<Point> fromMidBucket = this.queries
            .read(INVOCATIONS, Instant.ofEpochSecond(T0 + 90), Instant.ofEpochSecond(T0 + 3600), 300)
            .points();
        assertThat(fromMidBucket).containsExactly(point(0, 6), point(5, 4));
    }

    @Test
    void shouldInventNoPointForMinutesWithoutData() {
        this.store.upsert(Map.of(INVOCATIONS, List.of(point(0, 1), point(30, 2))));
        assertThat(read(INVOCATIONS, 60)).containsExactly(point(0, 1), point(30, 2));
        assertThat(read(INVOCATIONS, 600)).containsExactly(point(0, 1), point(30, 2));
    }

    @Test
    void shouldStoreAZeroSumTheSourceReported() {
        this.store.upsert(Map.of(INVOCATIONS, List.of(point(0, 0))));
        assertThat(read(INVOCATIONS, 60)).containsExactly(point(0, 0));
    }

    @Test
    void shouldGiveOneFigurePerFunctionOverARange() {
        SeriesKey other = SeriesKey.ofFunction(ACCOUNT, "eu-west-1", "orders-api", LambdaMetric.INVOCATIONS,
                Statistic.SUM);
        this.store.upsert(Map.of(INVOCATIONS, List.of(point(0, 10), point(1, 5)), other, List.of(point(0, 3)),
                ACCOUNT_INVOCATIONS, List.of(point(0, 15))));
        Map<FunctionRef, Double> figures = this.queries.perFunction(LambdaMetric.INVOCATIONS, Statistic.SUM,
                Instant.ofEpochSecond(T0), Instant.ofEpochSecond(T0 + 3600));
        assertThat(figures).containsOnly(Map.entry(new FunctionRef(ACCOUNT, "us-east-1", "orders-api"), 15.0),
                Map.entry(new FunctionRef(ACCOUNT, "eu-west-1", "orders-api"), 3.0));
    }

    @Test
    void shouldReadOneMetricOfEveryFunctionInOneQuery() {
        SeriesKey other = SeriesKey.ofFunction(ACCOUNT, "eu-west-1", "mailer", LambdaMetric.INVOCATIONS,
                Statistic.SUM);
        this.store.upsert(Map.of(INVOCATIONS, List.of(point(0, 1), point(1, 2), point(5, 4)), other,
                List.of(point(2, 7)), ACCOUNT_INVOCATIONS, List.of(point(0, 99))));
        Map<FunctionRef, List<Point>> all = this.queries.readAll(LambdaMetric.INVOCATIONS, Statistic.SUM, false,
                Instant.ofEpochSecond(T0), Instant.ofEpochSecond(T0 + 3600), 300);
        assertThat(all).containsOnly(
                Map.entry(new FunctionRef(ACCOUNT, "us-east-1", "orders-api"), List.of(point(0, 3), point(5, 4))),
                Map.entry(new FunctionRef(ACCOUNT, "eu-west-1", "mailer"), List.of(point(0, 7))));
        assertThat(this.queries.readAll(LambdaMetric.INVOCATIONS, Statistic.SUM, true, Instant.ofEpochSecond(T0),
                Instant.ofEpochSecond(T0 + 3600), 60))
            .containsOnly(Map.entry(new FunctionRef(ACCOUNT, "us-east-1", ""), List.of(point(0, 99))));
    }

    @Test
    void insertsNewMinutesPlainlyAndFallsBackToTheUpsertWhenSomeAreStoredAlready() {
        assertThat(this.store.insertNew(Map.of(INVOCATIONS, List.of(point(0, 10), point(1, 3))))).isEqualTo(2);
        // a cycle that stored, then failed before its watermark moved, fetches minute 1 again as new, and minute 2
        assertThat(this.store.insertNew(Map.of(INVOCATIONS, List.of(point(1, 12), point(2, 7))))).isEqualTo(2);
        assertThat(read(INVOCATIONS, 60)).containsExactly(point(0, 10), point(1, 12), point(2, 7));
        assertThat(this.queries.sampleCount()).isEqualTo(3);
        assertThat(this.jdbc.sql("select count(*) from rollup_pending").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aThirtyDayQueryReadsTheRollupsAndMatchesTheRawMinutes() {
        long start = T0 - 30 * 86_400;
        List<Point> minutes = new java.util.ArrayList<>();
        List<Point> peaks = new java.util.ArrayList<>();
        for (long t = start; t < T0; t += 60) {
            minutes.add(new Point(t, (t / 60) % 7));
            peaks.add(new Point(t, (t / 60) % 11));
        }
        this.store.upsert(Map.of(INVOCATIONS, minutes, CONCURRENCY, peaks));
        Instant from = Instant.ofEpochSecond(start);
        Instant to = Instant.ofEpochSecond(T0);
        List<Point> dailyFromRaw = this.queries.read(INVOCATIONS, from, to, 86_400).points();
        List<Point> hourlyPeaksFromRaw = this.queries.read(CONCURRENCY, from, to, 3_600).points();
        Retention retention = retention(T0);
        assertThat(retention.rollUpPending()).isEqualTo(30 * 24);
        assertThat(this.jdbc.sql("select count(*) from metric_rollup").query(Long.class).single()).isEqualTo(2 * 30 * 24);
        // with the minutes gone, the answer can only come from the rollups: it is the same
        this.jdbc.sql("delete from metric_sample").update();
        assertThat(this.queries.read(INVOCATIONS, from, to, 86_400).points()).isEqualTo(dailyFromRaw);
        assertThat(this.queries.read(CONCURRENCY, from, to, 3_600).points()).isEqualTo(hourlyPeaksFromRaw);
        assertThat(this.queries.readAll(LambdaMetric.INVOCATIONS, Statistic.SUM, false, from, to, 86_400).values())
            .containsExactly(dailyFromRaw);
        assertThat(dailyFromRaw.stream().mapToDouble(Point::value).sum())
            .isEqualTo(minutes.stream().mapToDouble(Point::value).sum());
    }

    @Test
    void aFigureOverDaysTakesTheWholeHoursFromTheRollupsAndTheEdgesFromTheMinutes() {
        long start = T0 - 3 * 86_400;
        List<Point> minutes = new java.util.ArrayList<>();
        List<Point> peaks = new java.util.ArrayList<>();
        for (long t = start; t < T0; t += 60) {
            minutes.add(new Point(t, (t / 60) % 7));
            peaks.add(new Point(t, (t / 60) % 13));
        }
        this.store.upsert(Map.of(INVOCATIONS, minutes, CONCURRENCY, peaks, ACCOUNT_INVOCATIONS, minutes));
        // neither end on an hour: the first and last partial hours can only come from the minutes
        Instant from = Instant.ofEpochSecond(start + 25 * 60);
        Instant to = Instant.ofEpochSecond(T0 - 35 * 60);
        FunctionRef function = new FunctionRef(ACCOUNT, "us-east-1", "orders-api");
        double sum = minutes.stream()
            .filter((p) -> p.epochSecond() >= from.getEpochSecond() && p.epochSecond() < to.getEpochSecond())
            .mapToDouble(Point::value)
            .sum();
        retention(T0).rollUpPending();
        // the minutes of the whole hours in between are gone: the answer must take those hours from the rollups
        this.jdbc.sql("delete from metric_sample where ts >= ? and ts < ?")
            .params(start + 3_600, T0 - 3_600)
            .update();
        assertThat(this.queries.perFunction(LambdaMetric.INVOCATIONS, Statistic.SUM, from, to))
            .containsOnly(Map.entry(function, sum));
        assertThat(this.queries.perFunction(LambdaMetric.CONCURRENT_EXECUTIONS, Statistic.MAXIMUM, from, to))
            .containsOnly(Map.entry(function, 12.0));
        assertThat(this.queries.perAccount(LambdaMetric.INVOCATIONS, Statistic.SUM, from, to))
            .containsOnly(Map.entry(new FunctionRef(ACCOUNT, "us-east-1", ""), sum));
    }

    @Test
    void aLateDatapointMakesItsHourPendingAgainAndTheNextRollUpTakesIt() {
        this.store.upsert(Map.of(INVOCATIONS, List.of(point(0, 10), point(1, 5))));
        Retention retention = retention(T0 + 7_200);
        retention.rollUpPending();
        Instant from = Instant.ofEpochSecond(T0);
        Instant to = Instant.ofEpochSecond(T0 + 3_600);
        assertThat(this.queries.read(INVOCATIONS, from, to, 3_600).points()).containsExactly(new Point(T0, 15));
        this.store.upsert(Map.of(INVOCATIONS, List.of(point(1, 8))));
        // pending again: read from the minutes, so the late value shows at once
        assertThat(this.queries.read(INVOCATIONS, from, to, 3_600).points()).containsExactly(new Point(T0, 18));
        retention.rollUpPending();
        assertThat(this.jdbc.sql("select val_sum from metric_rollup").query(Double.class).single()).isEqualTo(18);
        assertThat(this.jdbc.sql("select count(*) from rollup_pending").query(Long.class).single()).isZero();
    }

    @Test
    void prunesMinutesAndRollupsPastTheirRetentionButNeverAnHourNotRolledUpYet() {
        long old = T0 - 20 * 86_400;
        this.store.upsert(Map.of(INVOCATIONS, List.of(new Point(old, 1), new Point(T0, 2))));
        Retention retention = retention(T0 + 60);
        // nothing rolled up yet: the 20-day-old minute stays until its hour is
        retention.prune();
        assertThat(this.queries.sampleCount()).isEqualTo(2);
        retention.rollUpPending();
        retention.prune();
        assertThat(this.queries.sampleCount()).isEqualTo(1);
        assertThat(this.queries.read(INVOCATIONS, Instant.ofEpochSecond(old), Instant.ofEpochSecond(T0 + 3_600), 3_600)
            .points()).containsExactly(new Point(old, 1), new Point(T0, 2));
        // fifteen months on, the rollups go too
        retention(T0 + 460L * 86_400).prune();
        assertThat(this.jdbc.sql("select count(*) from metric_rollup").query(Long.class).single()).isZero();
    }

    @Test
    void aPassWhoseCutoffsHaveNotMovedSkipsTheWalkAndTheNextHourCatchesUp() {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(T0 + 60));
        Retention retention = retention(clock);
        retention.prune();
        // a minute older than the retention, stored after that pass (a late backfill) and rolled up
        long old = T0 - 20 * 86_400;
        this.store.upsert(Map.of(INVOCATIONS, List.of(new Point(old, 1))));
        retention.rollUpPending();
        assertThat(retention.prune()).as("same hour, same cutoffs").isZero();
        assertThat(this.queries.sampleCount()).isEqualTo(1);
        clock.set(Instant.ofEpochSecond(T0 + 3_660));
        assertThat(retention.prune()).isEqualTo(1);
        assertThat(this.queries.sampleCount()).isZero();
    }

    private Retention retention(long now) {
        return retention(java.time.Clock.fixed(Instant.ofEpochSecond(now), java.time.ZoneOffset.UTC));
    }

    private Retention retention(java.time.Clock clock) {
        DataSource dataSource = this.dataSource;
        return new Retention(dataSource, this.jdbc, new TransactionTemplate(new JdbcTransactionManager(dataSource)),
                new RetentionProperties(true, java.time.Duration.ofDays(15), java.time.Duration.ofDays(455),
                        java.time.Duration.ofMinutes(5)),
                clock);
    }

    private List<Point> read(SeriesKey key, long step) {
        return this.queries.read(key, Instant.ofEpochSecond(T0), Instant.ofEpochSecond(T0 + 86_400 * 2), step)
            .points();
    }

    static Point point(long minute, double value) {
        return new Point(T0 + minute * 60, value);
    }
}
