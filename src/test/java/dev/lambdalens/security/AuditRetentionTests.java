package dev.lambdalens.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.lambdalens.runtime.ClusterTasks;
import dev.lambdalens.runtime.RuntimeProperties;
import dev.lambdalens.testing.MigratedH2;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRetentionTests {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void deletesAuditEventsOlderThanTheRetention() {
        var dataSource = MigratedH2.dataSource();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        for (int daysAgo : new int[] { 800, 401, 399, 0 }) {
            jdbc.sql("insert into audit_event (at, actor, action, entity_type, entity_id) "
                    + "values (?, 'admin', 'UPDATE', 'RULE', ?)")
                .params(OffsetDateTime.ofInstant(NOW.minus(Duration.ofDays(daysAgo)), ZoneOffset.UTC),
                        String.valueOf(daysAgo))
                .update();
        }
        AuditRetention retention = new AuditRetention(jdbc, Clock.fixed(NOW, ZoneOffset.UTC),
                new ClusterTasks(dataSource, new RuntimeProperties(null, Duration.ofMinutes(10), Duration.ofSeconds(60), 4, 2, 2, 8, 2)),
                null /* prune() alone: nothing scheduled */, Duration.ofDays(400), true);
        assertThat(retention.prune()).isEqualTo(2);
        assertThat(jdbc.sql("select entity_id from audit_event order by at").query(String.class).list())
            .containsExactly("399", "0");
    }
}
