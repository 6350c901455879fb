package dev.lambdalens.security;

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
 * Keeps the audit log bounded: events older than {@code lambdalens.retention.audit} (default 400 days: a year of
 * changes for a yearly review, and some) are deleted in chunks, once an hour across instances.
 */
@Component
class AuditRetention implements SmartInitializingSingleton {


    private final JdbcClient jdbc;

    private final Clock clock;

    private final Duration keep;

    private final boolean enabled;

    private final ClusterTasks cluster;

    private final WorkPools pools;

    AuditRetention(JdbcClient jdbc, Clock clock, ClusterTasks cluster, WorkPools pools,
            @Value("${lambdalens.retention.audit:400d}") Duration keep,
            @Value("${lambdalens.retention.enabled:true}") boolean enabled) {
        if (keep.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("lambdalens.retention.audit must be at least 1d");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.cluster = cluster;
        this.pools = pools;
        this.keep = keep;
        this.enabled = enabled;
    }

    /** Deletes the audit events past retention; returns how many. */
    long prune() {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(this.clock.instant().minus(this.keep), ZoneOffset.UTC);
        return ChunkedDelete.olderThan(this.jdbc, "audit_event", "at", "true", cutoff);
    }

    /** Hourly on the housekeeping pool (never on a thread other work waits for), once across instances. */
    @Override
    public void afterSingletonsInstantiated() {
        if (this.enabled) {
            this.pools.scheduleWithFixedDelay(WorkKind.HOUSEKEEPING, "audit-retention", Duration.ofMinutes(1),
                    Duration.ofHours(1), () -> this.cluster.runOnce("audit-retention", Duration.ofMinutes(50), this::prune));
        }
    }
}
