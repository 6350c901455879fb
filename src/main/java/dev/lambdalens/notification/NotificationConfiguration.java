package dev.lambdalens.notification;

import java.time.Duration;

import dev.lambdalens.runtime.ClusterTasks;
import dev.lambdalens.runtime.WorkKind;
import dev.lambdalens.runtime.WorkPools;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Schedules deliveries and reminders apart: deliveries are handed channel by channel to the delivery pool (each
 * delivery claimed by one instance), reminders run once per interval across instances on the housekeeping pool.
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    DeliverySchedule deliverySchedule(NotificationProperties properties, DeliveryWorker worker, Reminders reminders,
            ClusterTasks cluster, WorkPools pools) {
        if (properties.enabled()) {
            pools.every("notification-deliveries", Duration.ofSeconds(5), properties.pollInterval(),
                    worker::dispatch);
            pools.scheduleWithFixedDelay(WorkKind.HOUSEKEEPING, "notification-reminders", Duration.ofSeconds(5),
                    properties.pollInterval(),
                    () -> cluster.runOnce("notification-reminders", Duration.ZERO, reminders::remind));
        }
        return new DeliverySchedule();
    }

    /** Marks that deliveries and reminders are scheduled. */
    static final class DeliverySchedule {
    }
}
