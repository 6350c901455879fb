package dev.lambdalens.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * Schedules the re-posting of firing alerts to Alertmanager channels, once per interval across instances.
 */
@Configuration(proxyBeanMethods = false)
class AlertmanagerConfiguration {

    @Bean
    SchedulingConfigurer alertmanagerResendSchedule(NotificationProperties notification,
            AlertmanagerProperties properties, AlertmanagerResend resend, dev.lambdalens.runtime.ClusterTasks cluster) {
        return (registrar) -> {
            if (notification.enabled()) {
                // held for the interval less a little, so two instances do not both re-post in one interval
                registrar.addFixedDelayTask(new FixedDelayTask(() -> cluster.runOnce("alertmanager-resend",
                        properties.resendInterval().dividedBy(2), resend::resend), properties.resendInterval(),
                        properties.resendInterval()));
            }
        };
    }
}
