package dev.lambdalens.alerting;

import java.time.Duration;

import dev.lambdalens.collector.MetricsCollected;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Schedules rule evaluation at the configured interval, and once more after each stored collection.
 */
@Configuration(proxyBeanMethods = false)
class AlertingConfiguration {

    @Bean
    SchedulingConfigurer evaluationSchedule(AlertingProperties properties, RuleEvaluation evaluation,
            dev.lambdalens.runtime.ClusterTasks cluster) {
        return (registrar) -> {
            if (properties.enabled()) {
                registrar.addFixedDelayTask(new FixedDelayTask(() -> evaluateOnce(cluster, evaluation),
                        properties.interval(), Duration.ofSeconds(30)));
            }
        };
    }

    @Bean
    CollectionListener collectionListener(AlertingProperties properties, RuleEvaluation evaluation,
            dev.lambdalens.runtime.ClusterTasks cluster) {
        return new CollectionListener(properties, evaluation, cluster);
    }

    /**
     * One evaluation at a time across instances: two evaluating at once could both see a change and notify it twice.
     * Evaluations one after the other are harmless, since a state that has not changed writes nothing.
     */
    static void evaluateOnce(dev.lambdalens.runtime.ClusterTasks cluster, RuleEvaluation evaluation) {
        cluster.runOnce("alert-evaluation", Duration.ZERO, evaluation::evaluateAll);
    }

    /** Evaluates as soon as new data is stored, rather than up to an interval later. */
    static class CollectionListener {

        private final AlertingProperties properties;

        private final RuleEvaluation evaluation;

        private final dev.lambdalens.runtime.ClusterTasks cluster;

        CollectionListener(AlertingProperties properties, RuleEvaluation evaluation, dev.lambdalens.runtime.ClusterTasks cluster) {
            this.properties = properties;
            this.evaluation = evaluation;
            this.cluster = cluster;
        }

        @TransactionalEventListener(fallbackExecution = true)
        void on(MetricsCollected collected) {
            if (this.properties.enabled()) {
                evaluateOnce(this.cluster, this.evaluation);
            }
        }
    }
}
