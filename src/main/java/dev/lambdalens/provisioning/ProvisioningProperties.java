package dev.lambdalens.provisioning;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration as code ({@code lambdalens.provisioning.*}).
 *
 * @param path the directory of YAML files ({@code *.yaml}, {@code *.yml}) to apply; none: provisioning is off
 * @param interval how often the directory is looked at for changed, new and removed files
 */
@ConfigurationProperties("lambdalens.provisioning")
record ProvisioningProperties(@Nullable Path path, @DefaultValue("10s") Duration interval) {

    ProvisioningProperties {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lambdalens.provisioning.interval must be at least 1s");
        }
    }
}
