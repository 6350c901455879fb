package dev.lambdalens.testing;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh in-memory H2 database with every migration applied: for tests of one module's SQL without an application.
 */
public final class MigratedH2 {

    private MigratedH2() {
    }

    public static DataSource dataSource() {
        DataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:migrated-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
