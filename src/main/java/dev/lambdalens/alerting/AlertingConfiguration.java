package dev.lambdalens.alerting;

import java.time.Duration;

import dev.lambdalens.collector.MetricsCollected;
import dev.lambdalens.runtime.WorkKind;
import dev.lambdalens.runtime.WorkPools;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Schedules rule evaluation at the configured interval, and in the background after samples are stored, for the
 * accounts and regions they changed.
 */
@Configuration(proxyBeanMethods = false)
class AlertingConfiguration {

    /** The timed pass runs on the evaluation pool: a slow receiver or a long retention never delays it. */
    @Bean
    EvaluationSchedule evaluationSchedule(AlertingProperties properties, RuleEvaluation evaluation,
            dev.lambdalens.runtime.ClusterTasks cluster, WorkPools pools) {
        if (properties.enabled()) {
            pools.scheduleWithFixedDelay(WorkKind.EVALUATION, "alert-evaluation", Duration.ofSeconds(30),
                    properties.interval(), () -> evaluateOnce(cluster, evaluation));
        }
        return new EvaluationSchedule();
    }

    /** Marks that timed evaluation is scheduled. */
    static final class EvaluationSchedule {
    }

    @Bean
    EvaluationQueue evaluationQueue(RuleEvaluation evaluation, dev.lambdalens.runtime.ClusterTasks cluster) {
        return new EvaluationQueue(evaluation, cluster);
    }

    @Bean
    CollectionListener collectionListener(AlertingProperties properties, EvaluationQueue queue) {
        return new CollectionListener(properties, queue);
    }

    /**
     * One evaluation at a time across instances: two evaluating at once could both see a change and notify it twice.
     * Evaluations one after the other are harmless, since a state that has not changed writes nothing.
     */
    static void evaluateOnce(dev.lambdalens.runtime.ClusterTasks cluster, RuleEvaluation evaluation) {
        cluster.runOnce("alert-evaluation", Duration.ZERO, evaluation::evaluateAll);
    }

    /**
     * Evaluates as soon as new data is stored, rather than up to an interval later: once the storing transaction
     * has committed (so the pass sees the samples), in the background (so the storer does not wait).
     */
    static class CollectionListener {

        private final AlertingProperties properties;

        private final EvaluationQueue queue;

        CollectionListener(AlertingProperties properties, EvaluationQueue queue) {
            this.properties = properties;
            this.queue = queue;
        }

        @TransactionalEventListener(fallbackExecution = true)
        void on(MetricsCollected collected) {
            if (this.properties.enabled()) {
                this.queue.changed(collected.account(), collected.region());
            }
        }
    }
}
