package dev.lambdalens.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.lambdalens.runtime.ChunkedDelete;
import dev.lambdalens.runtime.ClusterTasks;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps the delivery log bounded: deliveries that are settled (delivered, given up or silenced) and older than
 * {@code lambdalens.retention.deliveries} (default 30 days) are deleted in chunks with their attempts (the foreign key
 * cascades), once an hour across instances. A delivery still pending is never deleted, however old.
 */
@Component
class DeliveryRetention implements SchedulingConfigurer {


    private final JdbcClient jdbc;

    private final Clock clock;

    private final Duration keep;

    private final boolean enabled;

    private final ClusterTasks cluster;

    DeliveryRetention(JdbcClient jdbc, Clock clock, ClusterTasks cluster,
            @Value("${lambdalens.retention.deliveries:30d}") Duration keep,
            @Value("${lambdalens.retention.enabled:true}") boolean enabled) {
        if (keep.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("lambdalens.retention.deliveries must be at least 1d");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.cluster = cluster;
        this.keep = keep;
        this.enabled = enabled;
    }

    /** Deletes the settled deliveries past retention, with their attempts; returns how many deliveries. */
    long prune() {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(this.clock.instant().minus(this.keep), ZoneOffset.UTC);
        return ChunkedDelete.olderThan(this.jdbc, "delivery", "created_at", "status <> 'PENDING'", cutoff);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (this.enabled) {
            registrar.addFixedDelayTask(() -> this.cluster.runOnce("delivery-retention", Duration.ofMinutes(50),
                    this::prune), Duration.ofHours(1));
        }
    }
}
