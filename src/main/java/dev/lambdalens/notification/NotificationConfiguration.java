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
            Reminders reminders) {
        return (registrar) -> {
            if (properties.enabled()) {
                registrar.addFixedDelayTask(new FixedDelayTask(() -> {
                    reminders.remind();
                    worker.deliverDue();
                }, properties.pollInterval(), Duration.ofSeconds(5)));
            }
        };
    }
}
