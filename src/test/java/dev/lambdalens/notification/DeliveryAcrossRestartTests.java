package dev.lambdalens.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.lambdalens.LambdaLensApplication;
import dev.lambdalens.alerting.RuleEvaluation;
import dev.lambdalens.alerting.Severity;
import dev.lambdalens.collector.CycleRunner;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LambdaLens stops after deciding that an alert fires and before telling anyone: the next process delivers it.
 */
class DeliveryAcrossRestartTests {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:30Z");

    @Test
    void shouldDeliverWhatThePreviousProcessOwed() {
        String database = "jdbc:h2:mem:notify-restart-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Receiver receiver = new Receiver()) {
            long owed;
            try (ConfigurableApplicationContext first = start(database)) {
                first.getBean(ChannelRepository.class)
                    .save(new Channel("ops", ChannelType.WEBHOOK, receiver.url(), null, Severity.INFO, true, NOW));
                CycleRunner.runCycle(first);
                first.getBean(RuleEvaluation.class).evaluateAll();
                owed = first.getBean(DeliveryRepository.class).count();
            }
            assertThat(owed).isPositive();
            assertThat(receiver.requests).isEmpty();
            try (ConfigurableApplicationContext second = start(database)) {
                assertThat(second.getBean(DeliveryWorker.class).deliverDue()).isEqualTo((int) owed);
            }
            assertThat(receiver.requests).hasSize((int) owed);
        }
    }

    private static ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(LambdaLensApplication.class, FixedClock.class)
            .web(WebApplicationType.NONE)
            .run("--spring.datasource.url=" + database, "--lambdalens.collector.enabled=false",
                    "--lambdalens.alerting.enabled=false", "--lambdalens.notification.enabled=false");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        Clock restartClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
