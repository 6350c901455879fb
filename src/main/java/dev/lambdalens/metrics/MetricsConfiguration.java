package dev.lambdalens.metrics;

import java.time.Duration;

import dev.lambdalens.ClusterTasks;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * Schedules roll-up and pruning, once per interval across instances.
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
}
