package dev.lambdalens.metrics;

import java.time.Duration;

import dev.lambdalens.runtime.ClusterTasks;
import dev.lambdalens.runtime.WorkKind;
import dev.lambdalens.runtime.WorkPools;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Schedules roll-up and pruning, once per interval across instances, and shows how far roll-up lags.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class MetricsConfiguration {

    /** Roll-up and pruning run on the housekeeping pool, so a long pass never holds up collection or delivery. */
    @Bean
    RetentionSchedule retentionSchedule(RetentionProperties properties, Retention retention, ClusterTasks cluster,
            WorkPools pools) {
        if (properties.enabled()) {
            pools.scheduleWithFixedDelay(WorkKind.HOUSEKEEPING, "retention", Duration.ofMinutes(1),
                    properties.interval(), () -> cluster.runOnce("retention", Duration.ZERO, retention::run));
        }
        return new RetentionSchedule();
    }

    /** Marks that the retention pass is scheduled. */
    static final class RetentionSchedule {
    }

    /** Hours written and not rolled up yet: long ranges read their minutes until they are, so this should stay low. */
    @Bean
    MeterBinder rollupBacklog(JdbcClient jdbc) {
        return (registry) -> Gauge
            .builder("lambdalens.rollup.pending", jdbc,
                    (j) -> j.sql("select count(*) from rollup_pending").query(Long.class).single())
            .description("Hours of samples written and not rolled up yet, counted per account and region")
            .baseUnit("hours")
            .register(registry);
    }
}
