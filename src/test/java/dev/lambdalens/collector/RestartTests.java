package dev.lambdalens.collector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.lambdalens.collector.source.aws.AwsStubAccess;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LambdaLens stopped for two hours and started again: the new process finds its watermarks in the database and
 * backfills the gap, with no missing minute.
 */
class RestartTests {

    static final Instant STOPPED = Instant.parse("2026-11-28T12:00:40Z");

    static final String HOME = "111111111111";

    static final MutableClock clock = new MutableClock(STOPPED);

    @Test
    void shouldBackfillTheTwoHoursItWasDownAfterARestart() {
        try (AwsStubAccess stub = AwsStubAccess.start()) {
            stub.addFunction(HOME, "us-east-1", "api");
            long from = STOPPED.minus(Duration.ofHours(4)).truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
            for (long t = from; t < STOPPED.plus(Duration.ofHours(3)).getEpochSecond(); t += 60) {
                stub.put(HOME, "us-east-1", "api", "Invocations", "Sum", t, t % 97);
                stub.put(HOME, "us-east-1", "", "ConcurrentExecutions", "Maximum", t, t % 13);
            }
            String database = "jdbc:h2:mem:restart-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
            try (ConfigurableApplicationContext first = start(stub, database)) {
                assertThat(first.getBean(CollectionTrigger.class).runCycle()).isEqualTo(1);
            }
            clock.advance(Duration.ofHours(2));
            try (ConfigurableApplicationContext second = start(stub, database)) {
                assertThat(second.getBean(CollectionTrigger.class).runCycle()).isEqualTo(1);
                RegionStatus status = second.getBean(CollectorStatus.class).regions().get(0);
                assertThat(status.account()).isEqualTo(HOME);
                assertThat(status.cycles()).as("cycles, the first process's included").isEqualTo(2);
                SeriesQueries queries = second.getBean(SeriesQueries.class);
                Instant start = STOPPED.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
                Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
                for (SeriesKey key : SeriesPlan.forRegion(HOME, "us-east-1",
                        second.getBean(Inventory.class).activeFunctions(HOME, "us-east-1"))) {
                    List<Point> expected = new ArrayList<>();
                    stub.datapoints(key, start, end).forEach((t, v) -> expected.add(new Point(t, v)));
                    assertThat(queries.read(key, start, end, 60).points()).as(key.toString())
                        .containsExactlyElementsOf(expected);
                }
                SeriesKey invocations = SeriesPlan.forFunctions(HOME, "us-east-1",
                        second.getBean(Inventory.class).activeFunctions(HOME, "us-east-1")).get(0);
                // three hours, minute for minute, across the two processes
                assertThat(queries.read(invocations, start, end, 60).points()).hasSize(180);
            }
        }
    }

    private static ConfigurableApplicationContext start(AwsStubAccess stub, String database) {
        return new SpringApplicationBuilder(dev.lambdalens.LambdaLensApplication.class, RestartClock.class)
            .web(WebApplicationType.NONE)
            .run("--spring.datasource.url=" + database, "--lambdalens.source=aws",
                    "--lambdalens.aws.endpoint=" + stub.endpoint(), "--lambdalens.aws.access-key-id=AKIATESTHOME",
                    "--lambdalens.aws.secret-access-key=secret", "--lambdalens.collector.enabled=false",
                    "--lambdalens.collector.initial-backfill=1h");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class RestartClock {

        @Bean
        @Primary
        Clock restartClock() {
            return clock;
        }
    }
}
