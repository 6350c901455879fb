package dev.lambdalens.metrics;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

class H2SampleStoreTests extends SampleStoreContract {

    @Override
    DataSource dataSource() {
        return new DriverManagerDataSource("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
