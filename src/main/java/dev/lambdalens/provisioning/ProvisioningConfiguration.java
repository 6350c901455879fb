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

    /**
     * Applies the directory before the application reports it has started, then looks at it every interval on the
     * housekeeping pool: configuration upkeep, never urgent, which must neither wait behind nor hold up what runs on
     * Spring's single scheduler thread. The schedule starts only after the first look, so that the two never race
     * for the lock and the start-up one is never skipped.
     */
    @Bean
    ApplicationRunner provisionAtStart(ProvisioningProperties properties, Provisioning provisioning,
            ClusterTasks cluster, WorkPools pools) {
        return (args) -> {
            if (provisioning.enabled()) {
                run(provisioning, cluster);
                pools.scheduleWithFixedDelay(WorkKind.HOUSEKEEPING, "provisioning", properties.interval(),
                        properties.interval(), () -> run(provisioning, cluster));
            }
        };
    }

    private static void run(Provisioning provisioning, ClusterTasks cluster) {
        try {
            cluster.runOnce("provisioning", Duration.ZERO, provisioning::sync);
        }
        catch (RuntimeException ex) {
            logger.error("Provisioning failed; will look again: {}", ex.toString());
        }
    }
}
