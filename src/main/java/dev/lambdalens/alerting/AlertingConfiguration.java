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
    SchedulingConfigurer evaluationSchedule(AlertingProperties properties, RuleEvaluation evaluation) {
        return (registrar) -> {
            if (properties.enabled()) {
                registrar.addFixedDelayTask(
                        new FixedDelayTask(evaluation::evaluateAll, properties.interval(), Duration.ofSeconds(30)));
            }
        };
    }

    @Bean
    CollectionListener collectionListener(AlertingProperties properties, RuleEvaluation evaluation) {
        return new CollectionListener(properties, evaluation);
    }

    /** Evaluates as soon as new data is stored, rather than up to an interval later. */
    static class CollectionListener {

        private final AlertingProperties properties;

        private final RuleEvaluation evaluation;

        CollectionListener(AlertingProperties properties, RuleEvaluation evaluation) {
            this.properties = properties;
            this.evaluation = evaluation;
        }

        @TransactionalEventListener(fallbackExecution = true)
        void on(MetricsCollected collected) {
            if (this.properties.enabled()) {
                this.evaluation.evaluateAll();
            }
        }
    }
}
