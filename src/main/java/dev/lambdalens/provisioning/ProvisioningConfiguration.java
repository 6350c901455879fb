package dev.lambdalens.provisioning;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * Applies the provisioning directory once the application has started, then looks at it again every interval,
 * one instance at a time.
 */
@Configuration(proxyBeanMethods = false)
class ProvisioningConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(ProvisioningConfiguration.class);

    @Bean
    ApplicationRunner provisionAtStart(Provisioning provisioning, dev.lambdalens.runtime.ClusterTasks cluster) {
        return (args) -> {
            if (provisioning.enabled()) {
                run(provisioning, cluster);
            }
        };
    }

    @Bean
    SchedulingConfigurer provisioningSchedule(ProvisioningProperties properties, Provisioning provisioning,
            dev.lambdalens.runtime.ClusterTasks cluster) {
        return (registrar) -> {
            if (provisioning.enabled()) {
                registrar.addFixedDelayTask(new FixedDelayTask(() -> run(provisioning, cluster), properties.interval(),
                        properties.interval()));
            }
        };
    }

    private static void run(Provisioning provisioning, dev.lambdalens.runtime.ClusterTasks cluster) {
        try {
            cluster.runOnce("provisioning", Duration.ZERO, provisioning::sync);
        }
        catch (RuntimeException ex) {
            logger.error("Provisioning failed; will look again: {}", ex.toString());
        }
    }
}
