package dev.lambdalens.notification;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * Schedules the delivery worker.
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    SchedulingConfigurer deliverySchedule(NotificationProperties properties, DeliveryWorker worker,
            Reminders reminders, dev.lambdalens.ClusterTasks cluster) {
        return (registrar) -> {
            if (properties.enabled()) {
                // one instance at a time sends, so that no delivery goes out twice from two instances
                registrar.addFixedDelayTask(new FixedDelayTask(() -> cluster.runOnce("notification-deliveries",
                        Duration.ZERO, () -> {
                            reminders.remind();
                            worker.deliverDue();
                        }), properties.pollInterval(), Duration.ofSeconds(5)));
            }
        };
    }
}
