package dev.lambdalens.collector;

import java.time.Clock;

import dev.lambdalens.collector.source.MetricSource;
import dev.lambdalens.collector.source.aws.AwsMetricSource;
import dev.lambdalens.collector.source.aws.AwsProperties;
import dev.lambdalens.collector.source.demo.DemoMetricSource;
import io.micrometer.core.instrument.MeterRegistry;

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
    MetricSource metricSource(SourceSettings settings, AwsProperties aws, MeterRegistry registry, Clock clock) {
        return switch (settings.source()) {
            case DEMO -> new DemoMetricSource(clock);
            case AWS -> new AwsMetricSource(aws, registry, clock);
        };
    }

    @Bean
    SchedulingConfigurer collectionSchedule(CollectorProperties properties, CollectionTrigger trigger,
            dev.lambdalens.ClusterTasks cluster) {
        // one cycle per interval across instances: the lock stays taken for most of the interval after a cycle
        java.time.Duration held = properties.interval().minusSeconds(5);
        return (registrar) -> {
            if (properties.enabled()) {
                registrar.addFixedDelayTask(new FixedDelayTask(() -> cluster.runOnce("collection",
                        held.isNegative() ? java.time.Duration.ZERO : held, trigger::runCycle), properties.interval(),
                        properties.initialDelay()));
            }
        };
    }
}
