package dev.lambdalens.cost;

import java.time.Duration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * Schedules budget evaluation at the configured interval: cost moves by the day, so a few minutes' delay is plenty
 * and a month of data is not re-read after every one-minute collection.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CostProperties.class)
class CostConfiguration {

    @Bean
    SchedulingConfigurer budgetSchedule(CostProperties properties, BudgetEvaluation evaluation,
            dev.lambdalens.ClusterTasks cluster) {
        return (registrar) -> {
            if (properties.budgetsEnabled()) {
                registrar.addFixedDelayTask(new FixedDelayTask(() -> cluster.runOnce("budget-evaluation",
                        Duration.ZERO, evaluation::evaluateAll), properties.budgetInterval(), Duration.ofSeconds(45)));
            }
        };
    }
}
