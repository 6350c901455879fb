package dev.lambdalens.cost;

import java.time.Duration;

import dev.lambdalens.runtime.ClusterTasks;
import dev.lambdalens.runtime.WorkKind;
import dev.lambdalens.runtime.WorkPools;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Schedules budget evaluation at the configured interval: cost moves by the day, so a few minutes' delay is plenty
 * and a month of data is not re-read after every one-minute collection.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CostProperties.class)
class CostConfiguration {

    /** Budgets are evaluated on the housekeeping pool: reading a month of usage never holds up other work. */
    @Bean
    BudgetSchedule budgetSchedule(CostProperties properties, BudgetEvaluation evaluation, ClusterTasks cluster,
            WorkPools pools) {
        if (properties.budgetsEnabled()) {
            pools.scheduleWithFixedDelay(WorkKind.HOUSEKEEPING, "budget-evaluation", Duration.ofSeconds(45),
                    properties.budgetInterval(),
                    () -> cluster.runOnce("budget-evaluation", Duration.ZERO, evaluation::evaluateAll));
        }
        return new BudgetSchedule();
    }

    /** Marks that budget evaluation is scheduled. */
    static final class BudgetSchedule {
    }
}
