package dev.lambdalens.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lambdalens.public-url} is the one address setting: the former Alertmanager {@code external-url} is a
 * deprecated alias of it, taken (with a warning) only when the public URL is not set, for every notification's links.
 */
class PublicUrlAliasTests {

    final List<String> warnings = new ArrayList<>();

    final DeferredLogFactory logs = (destination) -> new NoOpLog() {
        @Override
        public void warn(Object message) {
            PublicUrlAliasTests.this.warnings.add(String.valueOf(message));
        }
    };

    @Test
    void shouldTakeTheDeprecatedKeyAsThePublicUrlWhenItIsNotSet() {
        StandardEnvironment environment = environment(
                Map.of("lambdalens.notification.alertmanager.external-url", "https://old.example.com"));
        new PublicUrlAlias(this.logs).postProcessEnvironment(environment, new SpringApplication());
        NotificationLinks links = Binder.get(environment).bind("lambdalens", NotificationLinks.class).get();
        assertThat(links.alert(42)).isEqualTo("https://old.example.com/alerts/42");
        assertThat(this.warnings).singleElement().asString()
            .contains("lambdalens.notification.alertmanager.external-url is deprecated", "set lambdalens.public-url");
    }

    @Test
    void shouldKeepThePublicUrlWhenBothAreSet() {
        StandardEnvironment environment = environment(Map.of("lambdalens.public-url", "https://new.example.com",
                "lambdalens.notification.alertmanager.external-url", "https://old.example.com"));
        new PublicUrlAlias(this.logs).postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("lambdalens.public-url")).isEqualTo("https://new.example.com");
        assertThat(this.warnings).singleElement().asString().contains("ignored", "https://new.example.com");
    }

    @Test
    void shouldSayNothingWithoutTheDeprecatedKey() {
        StandardEnvironment environment = environment(Map.of("lambdalens.public-url", "https://new.example.com"));
        new PublicUrlAlias(this.logs).postProcessEnvironment(environment, new SpringApplication());
        assertThat(this.warnings).isEmpty();
    }

    @Test
    void shouldBeRegisteredForEveryStart() {
        List<EnvironmentPostProcessor> processors = SpringFactoriesLoader.forDefaultResourceLocation()
            .load(EnvironmentPostProcessor.class,
                    SpringFactoriesLoader.ArgumentResolver.of(DeferredLogFactory.class, this.logs));
        assertThat(processors).hasAtLeastOneElementOfType(PublicUrlAlias.class);
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
