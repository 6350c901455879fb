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
        SeriesCatalog catalog = new SeriesCatalog(this.jdbc, dataSource);
        this.store = new SampleStore(dataSource, new JdbcTemplate(dataSource),
                new TransactionTemplate(new JdbcTransactionManager(dataSource)), catalog, new SampleChanges(new JdbcTemplate(dataSource), java.time.Clock.systemUTC()));
        this.queries = new SeriesQueries(this.jdbc, catalog);
    }

    @Test
    void shouldReadBackWhatWasStored() {
        int written = this.store.upsert(Map.of(INVOCATIONS, List.of(point(0, 10), point(1, 12), point(2, 7))));
        assertThat(written).isEqualTo(3);
        assertThat(read(INVOCATIONS, 60)).containsExactly(point(0, 10), point(1, 12), point(2, 7));
    }

    @Test
    void shouldJournalEachBatchsEarliestWritePerRegionAndKeepTheJournalForAnHour() {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(T0 + 600));
        SampleChanges changes = new SampleChanges(new JdbcTemplate(this.dataSource), clock);
        SampleStore store = new SampleStore(this.dataSource, new JdbcTemplate(this.dataSource),
                new TransactionTemplate(new JdbcTransactionManager(this.dataSource)),
                new SeriesCatalog(this.jdbc, this.dataSource), changes);
        SeriesKey other = SeriesKey.ofFunction(ACCOUNT, "eu-west-1", "mailer", LambdaMetric.INVOCATIONS,
                Statistic.SUM);
        store.upsert(Map.of(INVOCATIONS, List.of(point(3, 1), point(1, 2)), CONCURRENCY, List.of(point(2, 5)),
                other, List.of(point(7, 1))));
        assertThat(changes.since(Instant.ofEpochSecond(T0)))
            .extracting(SampleChanges.Change::region, SampleChanges.Change::fromEpochSecond)
            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("us-east-1", T0 + 60),
                    org.assertj.core.groups.Tuple.tuple("eu-west-1", T0 + 7 * 60));
        // an hour and more later, the entries are pruned; what is written then is journalled
        clock.advance(SampleChanges.KEPT.plusMinutes(1));
        store.upsert(Map.of(INVOCATIONS, List.of(point(90, 1))));
        assertThat(changes.since(Instant.ofEpochSecond(T0))).extracting(SampleChanges.Change::fromEpochSecond)
            .containsExactly(T0 + 90 * 60);
        assertThat(this.jdbc.sql("select count(*) from sample_change").query(Long.class).single()).isEqualTo(1);
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

    @Test
    void rollUpsRunningWhileTheSameHourIsWrittenMissNoMinute() throws Exception {
        List<SeriesKey> keys = java.util.stream.IntStream.range(0, 40)
            .mapToObj((i) -> SeriesKey.ofFunction(ACCOUNT, "us-east-1", "fn-" + i, LambdaMetric.INVOCATIONS,
                    Statistic.SUM))
            .toList();
        Retention retention = retention(T0 + 30 * 86_400);
        int rounds = 6;
        for (int round = 0; round < rounds; round++) {
            long hour = T0 + round * 3_600L;
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.CompletableFuture<Void> rollingUp = java.util.concurrent.CompletableFuture
                .runAsync(() -> {
                    while (writing.get()) {
                        retention.rollUpPending();
                    }
                });
            for (int minute = 0; minute < 60; minute++) {
                Map<SeriesKey, List<Point>> samples = new java.util.HashMap<>();
                for (SeriesKey key : keys) {
                    samples.put(key, List.of(new Point(hour + minute * 60L, minute + 1)));
                }
                this.store.upsert(samples);
            }
            writing.set(false);
            rollingUp.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        retention.rollUpPending();
        // every minute of every hour must be in the rollups: 1 + 2 + ... + 60 per series and hour
        assertThat(this.jdbc.sql("select count(*) from metric_rollup where val_count = 60 and val_sum = 1830")
            .query(Long.class)
            .single()).isEqualTo(keys.size() * (long) rounds);
        assertThat(this.jdbc.sql("select count(*) from rollup_pending").query(Long.class).single()).isZero();
    }

    @Test
    void aWriteCommittingWhileItsHourIsRolledUpKeepsTheHourPending() throws Exception {
        Retention retention = retention(T0 + 30 * 86_400);
        TransactionTemplate writer = new TransactionTemplate(new JdbcTransactionManager(this.dataSource));
        for (int round = 0; round < 5; round++) {
            long hour = T0 + round * 3_600L;
            this.store.upsert(Map.of(INVOCATIONS, List.of(new Point(hour, 1))));
            java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CompletableFuture<Void> late = java.util.concurrent.CompletableFuture.runAsync(() -> {
                // the store joins this transaction: its minute and mark stay uncommitted until the roll-up has read
                writer.executeWithoutResult((status) -> {
                    this.store.upsert(Map.of(INVOCATIONS, List.of(new Point(hour + 60, 2))));
                    written.countDown();
                    sleep(300);
                });
            });
            assertThat(written.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            retention.rollUpPending(); // reads the hour without the late minute, then meets its new mark
            late.get(10, java.util.concurrent.TimeUnit.SECONDS);
            retention.rollUpPending();
            assertThat(this.jdbc.sql("select val_sum from metric_rollup where hour_ts = ?")
                .params(hour)
                .query(Double.class)
                .single()).as("round %d", round).isEqualTo(3);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void instancesCreatingTheSameNewSeriesAtOnceSettleOnOneRowEachAndStoreEverything() throws Exception {
        List<SeriesKey> keys = java.util.stream.IntStream.range(0, 30)
            .mapToObj((i) -> SeriesKey.ofFunction(ACCOUNT, "us-east-1", "new-" + i, LambdaMetric.DURATION,
                    Statistic.P99))
            .toList();
        int instances = 6;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(instances);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(instances);
        try {
            List<java.util.concurrent.Future<Integer>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < instances; i++) {
                int instance = i;
                // each instance has a catalog of its own, as separate processes do: no shared cache hides the race
                SeriesCatalog catalog = new SeriesCatalog(this.jdbc, this.dataSource);
                SampleStore store = new SampleStore(this.dataSource, new JdbcTemplate(this.dataSource),
                        new TransactionTemplate(new JdbcTransactionManager(this.dataSource)), catalog, new SampleChanges(new JdbcTemplate(this.dataSource), java.time.Clock.systemUTC()));
                writes.add(pool.submit(() -> {
                    Map<SeriesKey, List<Point>> samples = new java.util.LinkedHashMap<>();
                    // each in its own order, so that instances meet each other's new rows from both sides
                    List<SeriesKey> mine = new java.util.ArrayList<>(keys);
                    java.util.Collections.rotate(mine, instance * 5);
                    mine.forEach((key) -> samples.put(key, List.of(point(instance, instance + 1))));
                    start.await();
                    return store.upsert(samples);
                }));
            }
            for (java.util.concurrent.Future<Integer> write : writes) {
                assertThat(write.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(keys.size());
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(this.jdbc.sql("select count(*) from metric_series").query(Long.class).single())
            .isEqualTo(keys.size());
        assertThat(this.queries.sampleCount()).isEqualTo(keys.size() * (long) instances);
    }

    @Test
    void aDeliveryWithTwoUpdatesOfOneMinuteIsStoredOnceWithTheLastValue() {
        // what a Metric Streams delivery with one minute sent twice becomes when not merged: never a failed batch
        assertThat(this.store.upsert(Map.of(INVOCATIONS, List.of(point(0, 4), point(1, 2), point(0, 9)),
                CONCURRENCY, List.of(point(3, 1), point(3, 7))))).isEqualTo(3);
        assertThat(read(INVOCATIONS, 60)).containsExactly(point(0, 9), point(1, 2));
        assertThat(read(CONCURRENCY, 60)).containsExactly(point(3, 7));
        assertThat(this.store.insertNew(Map.of(INVOCATIONS, List.of(point(5, 1), point(5, 3))))).isEqualTo(1);
        assertThat(read(INVOCATIONS, 60)).containsExactly(point(0, 9), point(1, 2), point(5, 3));
    }

    @Test
    void averagesAtFiveMinuteHourlyAndDailyStepsAreTheSumOverTheInvocationsAndP99IsTheHighestMinute() {
        SeriesKey average = SeriesKey.ofFunction(ACCOUNT, "us-east-1", "orders-api", LambdaMetric.DURATION,
                Statistic.AVERAGE);
        SeriesKey sum = SeriesKey.ofFunction(ACCOUNT, "us-east-1", "orders-api", LambdaMetric.DURATION, Statistic.SUM);
        SeriesKey p99 = SeriesKey.ofFunction(ACCOUNT, "us-east-1", "orders-api", LambdaMetric.DURATION, Statistic.P99);
        long day = Instant.parse("2026-11-26T00:00:00Z").getEpochSecond();
        Map<SeriesKey, List<Point>> samples = Map.of(INVOCATIONS, new java.util.ArrayList<>(), sum,
                new java.util.ArrayList<>(), average, new java.util.ArrayList<>(), p99, new java.util.ArrayList<>());
        for (long t = day; t < day + 2 * 86_400; t += 60) {
            // the first minute of every hour is busy and fast (10,000 invocations of 10 ms on the first day, 20,000
            // of 5 ms on the second); every other minute has one invocation of 1,000 ms
            boolean busy = (t % 3_600) == 0;
            boolean second = t >= day + 86_400;
            double invocations = busy ? (second ? 20_000 : 10_000) : 1;
            double mean = busy ? (second ? 5 : 10) : 1_000;
            samples.get(INVOCATIONS).add(new Point(t, invocations));
            samples.get(sum).add(new Point(t, invocations * mean));
            samples.get(average).add(new Point(t, mean));
            samples.get(p99).add(new Point(t, busy ? 30 : 3_000 - (t / 60) % 7));
        }
        this.store.upsert(samples);
        Instant from = Instant.ofEpochSecond(day);
        Instant to = Instant.ofEpochSecond(day + 2 * 86_400);
        // 5 minutes: (100,000 + 4 x 1,000) ms over 10,004 invocations, not (10 + 4 x 1,000) / 5 = 802 ms
        List<Point> fiveMinutes = this.queries.read(average, from, to, 300).points();
        assertThat(fiveMinutes.get(0)).isEqualTo(new Point(day, 104_000.0 / 10_004));
        assertThat(fiveMinutes.get(1)).isEqualTo(new Point(day + 300, 1_000));
        assertThat(fiveMinutes.get(288)).isEqualTo(new Point(day + 86_400, 104_000.0 / 20_004));
        // the highest 1-minute p99 of minutes 0..4: 30 and 3,000 - (minute % 7)
        long firstMinute = day / 60;
        double highest = java.util.stream.LongStream.range(firstMinute + 1, firstMinute + 5)
            .mapToDouble((m) -> 3_000 - m % 7)
            .max()
            .orElseThrow();
        assertThat(this.queries.read(p99, from, to, 300).points().get(0)).isEqualTo(new Point(day, highest));
        assertThat(Statistic.P99.labelAt(300)).isEqualTo("highest 1-minute p99");
        assertThat(Statistic.P99.labelAt(60)).isEqualTo("p99");
        assertThat(this.queries.figure(average, from, Instant.ofEpochSecond(day + 3_600)))
            .hasValueSatisfying((v) -> assertThat(v).isCloseTo(159_000.0 / 10_059, org.assertj.core.data.Offset.offset(1e-9)));
        // hourly and daily from the rollups alone: the minutes are gone once rolled up
        retention(day + 30 * 86_400).rollUpPending();
        this.jdbc.sql("delete from metric_sample").update();
        List<Point> hourly = this.queries.read(average, from, to, 3_600).points();
        assertThat(hourly).hasSize(48);
        assertThat(hourly.get(0)).isEqualTo(new Point(day, 159_000.0 / 10_059));
        assertThat(hourly.get(47)).isEqualTo(new Point(day + 47 * 3_600, 159_000.0 / 20_059));
        assertThat(this.queries.read(average, from, to, 86_400).points()).containsExactly(
                new Point(day, 24 * 159_000.0 / (24 * 10_059)), new Point(day + 86_400, 24 * 159_000.0 / (24 * 20_059)));
        assertThat(this.queries.perFunction(LambdaMetric.DURATION, Statistic.AVERAGE, from, to))
            .containsOnly(Map.entry(new FunctionRef(ACCOUNT, "us-east-1", "orders-api"),
                    48 * 159_000.0 / (24 * 10_059 + 24 * 20_059)));
        assertThat(this.queries.readAll(LambdaMetric.DURATION, Statistic.AVERAGE, false, from, to, 86_400).values())
            .containsExactly(List.of(new Point(day, 24 * 159_000.0 / (24 * 10_059)),
                    new Point(day + 86_400, 24 * 159_000.0 / (24 * 20_059))));
    }

    @Test
    void theSeriesOfAFunctionLongGoneAreDeletedOnceRetentionHasTakenAllTheirDataAndOthersStay() {
        long now = Math.floorDiv(Instant.now().getEpochSecond(), 3_600) * 3_600 + 2 * 86_400;
        long gone = now - 470L * 86_400;
        SeriesKey alive = SeriesKey.ofFunction(ACCOUNT, "us-east-1", "still-here", LambdaMetric.INVOCATIONS,
                Statistic.SUM);
        this.store.upsert(Map.of(INVOCATIONS, List.of(new Point(gone, 1)), CONCURRENCY, List.of(new Point(gone, 3)),
                alive, List.of(new Point(now - 3_600, 5))));
        Retention retention = retention(now);
        retention.rollUpPending();
        retention.prune();
        assertThat(this.jdbc.sql("select function_name from metric_series").query(String.class).list())
            .containsExactly("still-here");
        assertThat(this.queries.read(alive, Instant.ofEpochSecond(now - 7_200), Instant.ofEpochSecond(now), 60)
            .points()).containsExactly(new Point(now - 3_600, 5));
        // the function comes back, long after this instance's catalog forgot the id (a day after writing it): a new
        // series row, written as before
        SampleStore later = new SampleStore(this.dataSource, new JdbcTemplate(this.dataSource),
                new TransactionTemplate(new JdbcTransactionManager(this.dataSource)),
                new SeriesCatalog(this.jdbc, this.dataSource),
                new SampleChanges(new JdbcTemplate(this.dataSource), java.time.Clock.systemUTC()));
        later.upsert(Map.of(INVOCATIONS, List.of(new Point(now - 60, 2))));
        this.queries = new SeriesQueries(this.jdbc, new SeriesCatalog(this.jdbc, this.dataSource));
        assertThat(this.queries.read(INVOCATIONS, Instant.ofEpochSecond(now - 120), Instant.ofEpochSecond(now), 60)
            .points()).containsExactly(new Point(now - 60, 2));
    }

    Retention retention(long now) {
        return retention(java.time.Clock.fixed(Instant.ofEpochSecond(now), java.time.ZoneOffset.UTC));
    }

    private Retention retention(java.time.Clock clock) {
        DataSource dataSource = this.dataSource;
        return new Retention(dataSource, this.jdbc, new TransactionTemplate(new JdbcTransactionManager(dataSource)),
                new RetentionProperties(true, java.time.Duration.ofDays(15), java.time.Duration.ofDays(455),
                        java.time.Duration.ofMinutes(5), java.time.Duration.ofDays(7)),
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
