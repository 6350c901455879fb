package dev.lambdalens.metrics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.lambdalens.metrics.SamplePartitions.Table;
import dev.lambdalens.testing.EmbeddedPostgresSupport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresSampleStoreTests extends SampleStoreContract {

    private static final AtomicInteger databases = new AtomicInteger();

    @Override
    DataSource dataSource() {
        String name = "store_" + databases.incrementAndGet();
        EmbeddedPostgresSupport.freshDatabaseUrl(name);
        return EmbeddedPostgresSupport.dataSource(name);
    }

    @Test
    void partitionsAreCreatedAheadAndDroppedOnceTheirRowsArePastRetention() {
        SamplePartitions partitions = new SamplePartitions(this.jdbc, SampleUpsert.POSTGRESQL);
        retention(T0).prune();
        // today and the seven days ahead; this week and the next
        List<String> ahead = java.util.stream.IntStream.rangeClosed(0, 7)
            .mapToObj((d) -> SamplePartitions.partitionName(Table.SAMPLES, Table.SAMPLES.periodStart(T0) + d * 86_400L))
            .toList();
        assertThat(partitions.partitionsOf(Table.SAMPLES)).containsAll(ahead);
        assertThat(partitions.partitionsOf(Table.ROLLUPS)).contains("metric_rollup_20261123", "metric_rollup_20261130");
        // a backfill twenty days back gets a partition of its own before it is written
        long old = T0 - 20 * 86_400;
        this.store.upsert(Map.of(INVOCATIONS, List.of(new Point(old, 1), new Point(T0, 2))));
        assertThat(partitions.partitionsOf(Table.SAMPLES)).contains("metric_sample_20261108");
        // not rolled up yet: its day stays
        retention(T0 + 3_600).prune();
        assertThat(this.queries.sampleCount()).isEqualTo(2);
        retention(T0 + 3_600).rollUpPending();
        assertThat(partitions.partitionsOf(Table.ROLLUPS)).contains("metric_rollup_20261102");
        assertThat(retention(T0 + 3_600).prune()).isEqualTo(1);
        assertThat(partitions.partitionsOf(Table.SAMPLES)).doesNotContain("metric_sample_20261108").containsAll(ahead);
        assertThat(this.queries.sampleCount()).isEqualTo(1);
        // fifteen months on, the weeks of rollups go too, by partition
        retention(T0 + 460L * 86_400).prune();
        assertThat(partitions.partitionsOf(Table.ROLLUPS)).doesNotContain("metric_rollup_20261102",
                "metric_rollup_20261123");
        assertThat(this.jdbc.sql("select count(*) from metric_rollup").query(Long.class).single()).isZero();
    }

    @Test
    void theMigrationKeepsTheRowsStoredBeforePartitioningInAPartitionOfTheirOwn() {
        DataSource fresh = dataSource();
        Flyway.configure().dataSource(fresh).locations("classpath:db/migration").target("28").load().migrate();
        JdbcClient sql = JdbcClient.create(fresh);
        sql.sql("insert into metric_sample (series_id, ts, val) values (1, ?, 5), (1, ?, 6)")
            .params(T0 - 3 * 86_400, T0)
            .update();
        sql.sql("insert into metric_rollup (series_id, hour_ts, val_sum, val_count, val_min, val_max) "
                + "values (1, ?, 5, 1, 5, 5)").params(T0 - 3 * 86_400).update();
        Flyway.configure().dataSource(fresh).locations("classpath:db/migration").load().migrate();
        SamplePartitions partitions = new SamplePartitions(sql, SampleUpsert.POSTGRESQL);
        assertThat(partitions.partitionsOf(Table.SAMPLES)).containsExactly("metric_sample_before_partitioning");
        assertThat(sql.sql("select sum(val) from metric_sample").query(Double.class).single()).isEqualTo(11);
        assertThat(sql.sql("select count(*) from metric_rollup").query(Long.class).single()).isOne();
        // a period inside the old rows' partition is covered by it; the days after it get their own
        partitions.cover(Table.SAMPLES, T0, T0);
        long tomorrow = Instant.now().atZone(ZoneOffset.UTC).toLocalDate().plusDays(2).atStartOfDay()
            .toEpochSecond(ZoneOffset.UTC);
        partitions.cover(Table.SAMPLES, tomorrow, tomorrow);
        sql.sql("insert into metric_sample (series_id, ts, val) values (1, ?, 7), (1, ?, 8)")
            .params(T0 + 60, tomorrow)
            .update();
        assertThat(partitions.partitionsOf(Table.SAMPLES)).hasSize(2);
        assertThat(sql.sql("select count(*) from metric_sample").query(Long.class).single()).isEqualTo(4);
    }
}
