package dev.lambdalens.metrics;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

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

    private final Map<SeriesKey, Long> ids = new ConcurrentHashMap<>();

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
                        key.statistic().wireName(), key.metric().unit().wireName())
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
