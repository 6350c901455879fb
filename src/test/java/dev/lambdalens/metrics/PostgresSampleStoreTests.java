package dev.lambdalens.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.lambdalens.testing.EmbeddedPostgresSupport;

class PostgresSampleStoreTests extends SampleStoreContract {

    private static final AtomicInteger databases = new AtomicInteger();

    @Override
    DataSource dataSource() {
        String name = "store_" + databases.incrementAndGet();
        EmbeddedPostgresSupport.freshDatabaseUrl(name);
        return EmbeddedPostgresSupport.dataSource(name);
    }
}
