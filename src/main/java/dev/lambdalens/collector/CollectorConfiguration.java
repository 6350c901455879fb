package dev.lambdalens.collector;

import java.time.Clock;

import dev.lambdalens.collector.source.MetricSource;
import dev.lambdalens.collector.source.demo.DemoMetricSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Wires the configured source and schedules the collection trigger at the configured interval.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CollectorConfiguration {

    @Bean
    MetricSource metricSource(SourceSettings settings, Clock clock) {
        return switch (settings.source()) {
            case DEMO -> new DemoMetricSource(clock);
            case AWS -> throw new IllegalStateException("lambdalens.source=aws is not available in this version: "
                    + "the AWS adapter arrives with the next release. Use lambdalens.source=demo.");
        };
    }

    @Bean
    SchedulingConfigurer collectionSchedule(CollectorProperties properties, CollectionTrigger trigger) {
        return (registrar) -> {
            if (properties.enabled()) {
                registrar.addFixedDelayTask(
                        new FixedDelayTask(trigger::runCycle, properties.interval(), properties.initialDelay()));
            }
        };
    }
}
