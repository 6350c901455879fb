package dev.lambdalens.notification;

import dev.lambdalens.runtime.ClusterTasks;
import dev.lambdalens.runtime.WorkKind;
import dev.lambdalens.runtime.WorkPools;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Schedules the re-posting of firing alerts to Alertmanager channels, once per interval across instances.
 */
@Configuration(proxyBeanMethods = false)
class AlertmanagerConfiguration {

    /**
     * On the delivery pool, as the deliveries are: a slow or hung Alertmanager holds up one delivery thread for the
     * request timeout, never Spring's single scheduler thread and what else runs on it.
     */
    @Bean
    ResendSchedule alertmanagerResendSchedule(NotificationProperties notification, AlertmanagerProperties properties,
            AlertmanagerResend resend, ClusterTasks cluster, WorkPools pools) {
        if (notification.enabled()) {
            // held for the interval less a little, so two instances do not both re-post in one interval
            pools.scheduleWithFixedDelay(WorkKind.DELIVERY, "alertmanager-resend", properties.resendInterval(),
                    properties.resendInterval(), () -> cluster.runOnce("alertmanager-resend",
                            properties.resendInterval().dividedBy(2), resend::resend));
        }
        return new ResendSchedule();
    }

    /** Marks that the Alertmanager re-posting is scheduled. */
    static final class ResendSchedule {
    }
}
