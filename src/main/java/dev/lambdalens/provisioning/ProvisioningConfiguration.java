package dev.lambdalens.provisioning;

import java.time.Duration;

import dev.lambdalens.runtime.ClusterTasks;
import dev.lambdalens.runtime.WorkKind;
import dev.lambdalens.runtime.WorkPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Applies the provisioning directory once the application has started, then looks at it again every interval,
 * one instance at a time.
 */
@Configuration(proxyBeanMethods = false)
class ProvisioningConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(ProvisioningConfiguration.class);

    @Bean
    ApplicationRunner provisionAtStart(Provisioning provisioning, ClusterTasks cluster) {
        return (args) -> {
            if (provisioning.enabled()) {
                run(provisioning, cluster);
            }
        };
    }

    /**
     * On the housekeeping pool: reading the files and applying one is configuration upkeep, never urgent, and must
     * neither wait behind nor hold up what runs on Spring's single scheduler thread.
     */
    @Bean
    ProvisioningSchedule provisioningSchedule(ProvisioningProperties properties, Provisioning provisioning,
            ClusterTasks cluster, WorkPools pools) {
        if (provisioning.enabled()) {
            pools.scheduleWithFixedDelay(WorkKind.HOUSEKEEPING, "provisioning", properties.interval(),
                    properties.interval(), () -> run(provisioning, cluster));
        }
        return new ProvisioningSchedule();
    }

    private static void run(Provisioning provisioning, ClusterTasks cluster) {
        try {
            cluster.runOnce("provisioning", Duration.ZERO, provisioning::sync);
        }
        catch (RuntimeException ex) {
            logger.error("Provisioning failed; will look again: {}", ex.toString());
        }
    }

    /** Marks that the directory is looked at on schedule. */
    static final class ProvisioningSchedule {
    }
}
