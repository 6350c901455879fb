package dev.lambdalens.notification;

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

class DeliveryRetentionTests {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void deletesSettledDeliveriesOlderThanTheRetentionWithTheirAttemptsButNeverAPendingOne() {
        var dataSource = MigratedH2.dataSource();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("insert into channel (name, type, url, minimum_severity, enabled, created_at) "
                + "values ('ops', 'WEBHOOK', 'http://localhost/', 'INFO', true, ?)").param(at(100)).update();
        long channel = jdbc.sql("select id from channel").query(Long.class).single();
        delivery(jdbc, channel, "old-delivered", "DELIVERED", 40);
        delivery(jdbc, channel, "old-gave-up", "GAVE_UP", 31);
        delivery(jdbc, channel, "old-silenced", "SILENCED", 60);
        delivery(jdbc, channel, "old-pending", "PENDING", 45);
        delivery(jdbc, channel, "recent-delivered", "DELIVERED", 29);
        DeliveryRetention retention = new DeliveryRetention(jdbc, Clock.fixed(NOW, ZoneOffset.UTC),
                new ClusterTasks(dataSource, new RuntimeProperties(null, Duration.ofMinutes(10), Duration.ofSeconds(60), 4, 2, 2, 8, 2)),
                null /* prune() alone: nothing scheduled */, Duration.ofDays(30), true);
        assertThat(retention.prune()).isEqualTo(3);
        assertThat(jdbc.sql("select idempotency_key from delivery order by created_at").query(String.class).list())
            .containsExactly("old-pending", "recent-delivered");
        assertThat(jdbc.sql("select count(*) from delivery_attempt").query(Long.class).single()).isEqualTo(4);
    }

    private static void delivery(JdbcClient jdbc, long channel, String key, String status, int daysAgo) {
        jdbc.sql("insert into delivery (channel_id, idempotency_key, payload, status, attempts, created_at, "
                + "next_attempt_at) values (?, ?, '{}', ?, 2, ?, ?)")
            .params(channel, key, status, at(daysAgo), at(daysAgo))
            .update();
        long id = jdbc.sql("select id from delivery where idempotency_key = ?").param(key).query(Long.class).single();
        for (int i = 0; i < 2; i++) {
            jdbc.sql("insert into delivery_attempt (delivery_id, at, outcome) values (?, ?, 'FAILED')")
                .params(id, at(daysAgo))
                .update();
        }
    }

    private static OffsetDateTime at(int daysAgo) {
        return OffsetDateTime.ofInstant(NOW.minus(Duration.ofDays(daysAgo)), ZoneOffset.UTC);
    }
}
