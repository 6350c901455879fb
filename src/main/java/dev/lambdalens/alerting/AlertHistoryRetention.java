package dev.lambdalens.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.lambdalens.runtime.ChunkedDelete;
import dev.lambdalens.runtime.ClusterTasks;
import dev.lambdalens.runtime.WorkKind;
import dev.lambdalens.runtime.WorkPools;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps alert history bounded: state transitions older than {@code lambdalens.retention.alert-history} (default 400
 * days, more than a year of comparisons) are deleted in chunks, once an hour across instances. An alert's current
 * state lives on the alert itself and is never deleted here.
 */
@Component
class AlertHistoryRetention implements SmartInitializingSingleton {


    private final JdbcClient jdbc;

    private final Clock clock;

    private final Duration keep;

    private final boolean enabled;

    private final ClusterTasks cluster;

    private final WorkPools pools;

    AlertHistoryRetention(JdbcClient jdbc, Clock clock, ClusterTasks cluster, WorkPools pools,
            @Value("${lambdalens.retention.alert-history:400d}") Duration keep,
            @Value("${lambdalens.retention.enabled:true}") boolean enabled) {
        if (keep.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("lambdalens.retention.alert-history must be at least 1d");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.cluster = cluster;
        this.pools = pools;
        this.keep = keep;
        this.enabled = enabled;
    }

    /** Deletes the transitions past retention; returns how many. */
    long prune() {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(this.clock.instant().minus(this.keep), ZoneOffset.UTC);
        return ChunkedDelete.olderThan(this.jdbc, "alert_transition", "at", "true", cutoff);
    }

    /** Hourly on the housekeeping pool (never on a thread other work waits for), once across instances. */
    @Override
    public void afterSingletonsInstantiated() {
        if (this.enabled) {
            this.pools.scheduleWithFixedDelay(WorkKind.HOUSEKEEPING, "alert-history-retention", Duration.ofMinutes(1),
                    Duration.ofHours(1), () -> this.cluster.runOnce("alert-history-retention", Duration.ofMinutes(50), this::prune));
        }
    }
}
