package dev.lambdalens.notification;

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
 * Keeps the delivery log bounded: deliveries that are settled (delivered, given up or silenced) and older than
 * {@code lambdalens.retention.deliveries} (default 30 days) are deleted in chunks with their attempts (the foreign key
 * cascades), once an hour across instances. A delivery still pending is never deleted, however old.
 */
@Component
class DeliveryRetention implements SmartInitializingSingleton {


    private final JdbcClient jdbc;

    private final Clock clock;

    private final Duration keep;

    private final boolean enabled;

    private final ClusterTasks cluster;

    private final WorkPools pools;

    DeliveryRetention(JdbcClient jdbc, Clock clock, ClusterTasks cluster, WorkPools pools,
            @Value("${lambdalens.retention.deliveries:30d}") Duration keep,
            @Value("${lambdalens.retention.enabled:true}") boolean enabled) {
        if (keep.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("lambdalens.retention.deliveries must be at least 1d");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.cluster = cluster;
        this.pools = pools;
        this.keep = keep;
        this.enabled = enabled;
    }

    /** Deletes the settled deliveries past retention, with their attempts; returns how many deliveries. */
    long prune() {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(this.clock.instant().minus(this.keep), ZoneOffset.UTC);
        return ChunkedDelete.olderThan(this.jdbc, "delivery", "created_at", "status <> 'PENDING'", cutoff);
    }

    /** Hourly on the housekeeping pool (never on a thread other work waits for), once across instances. */
    @Override
    public void afterSingletonsInstantiated() {
        if (this.enabled) {
            this.pools.scheduleWithFixedDelay(WorkKind.HOUSEKEEPING, "delivery-retention", Duration.ofMinutes(1),
                    Duration.ofHours(1), () -> this.cluster.runOnce("delivery-retention", Duration.ofMinutes(50), this::prune));
        }
    }
}
