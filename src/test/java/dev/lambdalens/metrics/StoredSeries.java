package dev.lambdalens.metrics;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The metric store over a migrated database, without an application: for other modules' tests of what they read from
 * stored samples. The store and the queries may use different data sources over one database (one counting its
 * statements, say).
 */
public final class StoredSeries {

    private StoredSeries() {
    }

    public static SampleStore store(DataSource dataSource) {
        return new SampleStore(dataSource, new JdbcTemplate(dataSource),
                new TransactionTemplate(new JdbcTransactionManager(dataSource)),
                new SeriesCatalog(JdbcClient.create(dataSource), dataSource),
                new SampleChanges(new JdbcTemplate(dataSource), Clock.systemUTC()));
    }

    public static SeriesQueries queries(DataSource dataSource) {
        return new SeriesQueries(JdbcClient.create(dataSource), new SeriesCatalog(JdbcClient.create(dataSource),
                dataSource));
    }
}
