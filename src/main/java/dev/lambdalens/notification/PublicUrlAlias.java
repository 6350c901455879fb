package dev.lambdalens.notification;

import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps {@code lambdalens.public-url} the one setting for the address users reach LambdaLens at: the former
 * Alertmanager-only {@code lambdalens.notification.alertmanager.external-url} is read as a deprecated alias of it
 * (taken when {@code lambdalens.public-url} is not set, ignored when it is), with a warning at start saying which.
 * Done on the environment, before any binding, so that every notification's links follow the alias, not only
 * Alertmanager's {@code generatorURL}.
 */
class PublicUrlAlias implements EnvironmentPostProcessor, Ordered {

    static final String PUBLIC_URL = "lambdalens.public-url";

    static final String DEPRECATED = "lambdalens.notification.alertmanager.external-url";

    private final Log logger;

    PublicUrlAlias(DeferredLogFactory logs) {
        this.logger = logs.getLog(PublicUrlAlias.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String old = environment.getProperty(DEPRECATED);
        if (old == null || old.isBlank()) {
            return;
        }
        String current = environment.getProperty(PUBLIC_URL);
        if (current == null || current.isBlank()) {
            environment.getPropertySources()
                .addLast(new MapPropertySource("lambdalens-public-url-alias", Map.of(PUBLIC_URL, old.trim())));
            this.logger.warn(DEPRECATED + " is deprecated: taken as " + PUBLIC_URL + "=" + old.trim()
                    + " for every notification's links; set " + PUBLIC_URL + " instead");
        }
        else if (current.trim().equals(old.trim())) {
            this.logger.warn(DEPRECATED + " is deprecated and the same as " + PUBLIC_URL + ": remove it");
        }
        else {
            this.logger.warn(DEPRECATED + " (" + old.trim() + ") is deprecated and ignored: links use " + PUBLIC_URL
                    + " (" + current.trim() + ")");
        }
    }

    @Override
    public int getOrder() {
        // after the configuration files are read (ConfigDataEnvironmentPostProcessor) and before anything binds
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
