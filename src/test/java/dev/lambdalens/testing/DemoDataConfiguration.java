package dev.lambdalens.testing;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * A fixed "now" for tests that read collected demo data, so that every figure they assert on is repeatable.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(DemoData.class)
public class DemoDataConfiguration {

    /** The moment the tests' collection runs at. */
    public static final Instant NOW = Instant.parse("2026-11-28T12:00:30Z");

    @Bean
    @Primary
    public MutableClock testClock() {
        return new MutableClock(NOW);
    }
}
