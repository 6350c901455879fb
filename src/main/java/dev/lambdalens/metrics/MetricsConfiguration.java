package dev.lambdalens.metrics;

import java.time.Duration;

import dev.lambdalens.ClusterTasks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * Schedules roll-up and pruning, once per interval across instances, and shows how far roll-up lags.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class MetricsConfiguration {

    @Bean
    SchedulingConfigurer retentionSchedule(RetentionProperties properties, Retention retention, ClusterTasks cluster) {
        return (registrar) -> {
            if (properties.enabled()) {
                registrar.addFixedDelayTask(new FixedDelayTask(() -> cluster.runOnce("retention", Duration.ZERO,
                        retention::run), properties.interval(), Duration.ofMinutes(1)));
            }
        };
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
