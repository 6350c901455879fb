package dev.lambdalens.metrics;

import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Maps series keys to their row ids, creating the row on first use. Ids never change once created, so they are
 * cached for the life of the process; several instances creating the same series at once settle on one row.
 */
@Component
class SeriesCatalog {

    private static final String ACCOUNT_LEVEL = "";

    private final JdbcClient jdbc;

    /**
     * Ids of the series this instance writes. An entry expires a day after it was written: retention deletes series
     * left without any data (their function long gone), and an id cached here is one written within that day, so it
     * still has data and still exists.
     */
    private final Map<SeriesKey, Long> ids = Caffeine.newBuilder()
        .expireAfterWrite(java.time.Duration.ofDays(1))
        .<SeriesKey, Long>build()
        .asMap();

    private final SampleUpsert dialect;

    SeriesCatalog(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dialect = SampleUpsert.forDataSource(dataSource);
    }

    long idOf(SeriesKey key) {
        Long cached = this.ids.get(key);
        if (cached != null) {
            return cached;
        }
        long id = find(key).orElseGet(() -> create(key));
        this.ids.put(key, id);
        return id;
    }

    Optional<Long> existingId(SeriesKey key) {
        Long cached = this.ids.get(key);
        return (cached != null) ? Optional.of(cached) : find(key);
    }

    private Optional<Long> find(SeriesKey key) {
        return this.jdbc.sql("""
                select id from metric_series
                where account_id = ? and region = ? and function_name = ? and metric = ? and statistic = ?""")
            .params(key.account(), key.region(), functionColumn(key), key.metric().metricName(),
                    key.statistic().wireName())
            .query(Long.class)
            .optional();
    }

    /**
     * Creates the row unless another writer has: callers run this outside their sample transaction (see
     * {@link SampleStore}), so that a series created by a transaction still open elsewhere is waited for, not failed on.
     */
    private long create(SeriesKey key) {
        try {
            this.jdbc.sql(this.dialect.seriesSql())
                .params(key.account(), key.region(), functionColumn(key), key.metric().metricName(),
                        key.statistic().wireName(), key.metric().unit().wireName(),
                        java.time.Instant.now().getEpochSecond())
                .update();
        }
        catch (DuplicateKeyException raced) {
            // H2 only: another writer created it first, and its row is as good as ours
        }
        return find(key).orElseThrow(() -> new IllegalStateException("Series row vanished after insert: " + key));
    }

    static String functionColumn(SeriesKey key) {
        String name = key.functionName();
        return (name != null) ? name : ACCOUNT_LEVEL;
    }
}
