package dev.lambdalens.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

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

    SeriesQueries queries;

    JdbcClient jdbc;

    abstract DataSource dataSource();

    @BeforeEach
    void migrate() {
        DataSource dataSource = dataSource();
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

    private List<Point> read(SeriesKey key, long step) {
        return this.queries.read(key, Instant.ofEpochSecond(T0), Instant.ofEpochSecond(T0 + 86_400 * 2), step)
            .points();
    }

    static Point point(long minute, double value) {
        return new Point(T0 + minute * 60, value);
    }
}
