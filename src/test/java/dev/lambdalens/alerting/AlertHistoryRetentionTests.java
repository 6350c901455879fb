package dev.lambdalens.alerting;

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

class AlertHistoryRetentionTests {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void deletesTransitionsOlderThanTheRetentionAndKeepsTheAlertAndItsRecentHistory() {
        var dataSource = MigratedH2.dataSource();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        long rule = jdbc.sql("select min(id) from alert_rule").query(Long.class).single();
        jdbc.sql("insert into alert (rule_id, account_id, region, function_name, state, state_since) "
                + "values (?, '123456789012', 'us-east-1', 'orders-api', 'ALARM', ?)").params(rule, at(1)).update();
        long alert = jdbc.sql("select id from alert").query(Long.class).single();
        // 25,000 transitions of 500 days ago (more than two chunks), one of 399 days ago and one of yesterday
        for (int i = 0; i < 25_000; i++) {
            transition(jdbc, alert, at(500));
        }
        transition(jdbc, alert, at(399));
        transition(jdbc, alert, at(1));
        AlertHistoryRetention retention = new AlertHistoryRetention(jdbc, Clock.fixed(NOW, ZoneOffset.UTC),
                new ClusterTasks(dataSource, new RuntimeProperties(null, Duration.ofMinutes(10), Duration.ofSeconds(60), 4, 2, 2, 8, 2)),
                null /* prune() alone: nothing scheduled */, Duration.ofDays(400), true);
        assertThat(retention.prune()).isEqualTo(25_000);
        assertThat(jdbc.sql("select at from alert_transition order by at").query(OffsetDateTime.class).list())
            .extracting(OffsetDateTime::toInstant)
            .containsExactly(at(399).toInstant(), at(1).toInstant());
        assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single()).isOne();
        assertThat(retention.prune()).isZero();
    }

    private static void transition(JdbcClient jdbc, long alert, OffsetDateTime at) {
        jdbc.sql("insert into alert_transition (alert_id, from_state, to_state, at, reason, datapoints) "
                + "values (?, 'OK', 'ALARM', ?, 'breaching', '[]')").params(alert, at).update();
    }

    private static OffsetDateTime at(int daysAgo) {
        return OffsetDateTime.ofInstant(NOW.minus(Duration.ofDays(daysAgo)), ZoneOffset.UTC);
    }
}
