package dev.lambdalens.collector;

import java.time.Clock;
import java.time.Duration;

import dev.lambdalens.collector.source.MetricSource;
import dev.lambdalens.collector.source.aws.AwsMetricSource;
import dev.lambdalens.collector.source.aws.AwsProperties;
import dev.lambdalens.collector.source.demo.DemoMetricSource;
import dev.lambdalens.runtime.WorkPools;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires the configured source and schedules the dispatcher of collection and discovery units.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CollectorConfiguration {

    /** How often the dispatcher looks for due units: well below the shortest interval (10 s). */
    static final Duration DISPATCH_PERIOD = Duration.ofSeconds(2);

    @Bean
    MetricSource metricSource(SourceSettings settings, AwsProperties aws, MeterRegistry registry, Clock clock) {
        return switch (settings.source()) {
            case DEMO -> new DemoMetricSource(clock);
            case AWS -> new AwsMetricSource(aws, registry, clock);
        };
    }

    /** The dispatcher looks every few seconds which units are due; the units run on their own pools. */
    @Bean
    CollectionSchedule collectionSchedule(CollectorProperties properties, UnitDispatcher dispatcher, WorkPools pools) {
        if (properties.enabled()) {
            pools.every("collection", properties.initialDelay(), DISPATCH_PERIOD, dispatcher::dispatch);
        }
        return new CollectionSchedule();
    }

    /** Marks that collection is scheduled. */
    static final class CollectionSchedule {
    }
}
