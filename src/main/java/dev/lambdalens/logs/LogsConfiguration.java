package dev.lambdalens.logs;

import java.time.Duration;

import dev.lambdalens.runtime.ClusterTasks;
import dev.lambdalens.runtime.WorkKind;
import dev.lambdalens.runtime.WorkPools;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Schedules the logs module's periodic work on the runtime's pools, never on Spring's single scheduler thread, where
 * a Logs Insights pull waiting minutes for its queries would hold up every other scheduled task.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LogsProperties.class)
class LogsConfiguration {

    /** Retention on the housekeeping pool, once an hour across instances. */
    @Bean
    LogSchedule logRetentionSchedule(LogRetention retention, ClusterTasks cluster, WorkPools pools,
            @Value("${lambdalens.retention.enabled:true}") boolean enabled) {
        if (enabled) {
            pools.scheduleWithFixedDelay(WorkKind.HOUSEKEEPING, "log-retention", Duration.ofMinutes(2),
                    Duration.ofHours(1),
                    () -> cluster.runOnce("log-retention", Duration.ofMinutes(50), retention::prune));
        }
        return new LogSchedule();
    }

    /**
     * The Logs Insights pull, where it is switched on and the source is AWS, on the discovery pool: like discovery it
     * is slow (each query is polled until it completes) and rarely urgent (minutes behind by design), and there it
     * never holds up a metric collection unit. Each account and region is locked across instances by the pull.
     */
    @Bean
    @ConditionalOnExpression("${lambdalens.logs.insights.enabled:false} and '${lambdalens.source:demo}' == 'aws'")
    LogSchedule insightsPullSchedule(InsightsPull pull, LogsProperties properties, WorkPools pools) {
        pools.scheduleWithFixedDelay(WorkKind.DISCOVERY, "logs-insights-pull", properties.insights().firstRunAfter(),
                properties.insights().interval(), pull::runAll);
        return new LogSchedule();
    }

    /**
     * The demo's log lines, every minute on the collection pool: they are the demo account's collection of logs. Not
     * locked across instances: each event is stored once by its id, so a second instance's run adds nothing.
     */
    @Bean
    LogSchedule demoLogsSchedule(ObjectProvider<DemoLogs> demo, WorkPools pools) {
        demo.ifAvailable((logs) -> pools.scheduleWithFixedDelay(WorkKind.COLLECTION, "demo-logs",
                DemoLogs.FIRST_RUN_AFTER, DemoLogs.INTERVAL, logs::run));
        return new LogSchedule();
    }

    /** Marks that a task of the logs module is scheduled. */
    static final class LogSchedule {
    }
}
