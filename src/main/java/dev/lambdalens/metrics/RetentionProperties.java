package dev.lambdalens.metrics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long data is kept ({@code lambdalens.retention.*}).
 *
 * @param enabled whether roll-up and pruning run on a schedule
 * @param raw how long 1-minute samples are kept
 * @param rollups how long hourly rollups are kept
 * @param interval time between roll-up and pruning passes
 * @param partitionsAhead on PostgreSQL, how far ahead of now the daily and weekly partitions are created
 */
@ConfigurationProperties("lambdalens.retention")
record RetentionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("15d") Duration raw,
        @DefaultValue("455d") Duration rollups, @DefaultValue("5m") Duration interval,
        @DefaultValue("7d") Duration partitionsAhead) {

    RetentionProperties {
        if (raw.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("lambdalens.retention.raw must be at least 1d (alerting and the "
                    + "trailing re-fetch read recent minutes)");
        }
        if (rollups.compareTo(raw) < 0) {
            throw new IllegalArgumentException("lambdalens.retention.rollups must be at least lambdalens.retention.raw");
        }
        if (partitionsAhead.isNegative()) {
            throw new IllegalArgumentException("lambdalens.retention.partitions-ahead must not be negative");
        }
        if (interval.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("lambdalens.retention.interval must be at least 10s");
        }
    }
}
