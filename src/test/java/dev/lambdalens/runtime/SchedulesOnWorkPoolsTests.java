package dev.lambdalens.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpServer;
import dev.lambdalens.alerting.AlarmState;
import dev.lambdalens.alerting.AlertTarget;
import dev.lambdalens.alerting.ExternalAlerts;
import dev.lambdalens.alerting.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Provisioning's look at its directory and the Alertmanager re-posts run on the work pools, not on Spring's single
 * scheduler thread: with that thread held by a task that does not end, a file put in the directory is still applied
 * and a firing alert is still posted again to Alertmanager (an in-process receiver on a free loopback port).
 */
@SpringBootTest(properties = { "lambdalens.provisioning.interval=1s", "lambdalens.notification.enabled=true",
        "lambdalens.notification.alertmanager.resend-interval=10s" })
@AutoConfigureMockMvc
@DirtiesContext // its schedules re-post every 10 s: not a context for other classes to reuse
class SchedulesOnWorkPoolsTests {

    static final Path DIRECTORY = directory();

    static final Alertmanager alertmanager = new Alertmanager();

    @Autowired
    TaskScheduler springScheduler;

    @Autowired
    MockMvc mvc;

    @Autowired
    ExternalAlerts alerts;

    @DynamicPropertySource
    static void provisioning(DynamicPropertyRegistry registry) {
        registry.add("lambdalens.provisioning.path", DIRECTORY::toString);
    }

    @AfterAll
    static void stop() {
        alertmanager.close();
    }

    @Test
    void shouldProvisionAndRepostWhileSpringsSchedulerThreadIsHeld() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        this.springScheduler.schedule(() -> {
            held.countDown();
            try {
                release.await(5, TimeUnit.MINUTES);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, Instant.now());
        assertThat(held.await(60, TimeUnit.SECONDS)).as("Spring's scheduler thread is held").isTrue();
        try {
            Files.writeString(DIRECTORY.resolve("pools.yaml"), """
                    channels:
                      - name: pooled
                        type: WEBHOOK
                        url: https://hooks.example.com/pooled
                    """);
            await("the file applied", () -> body("/api/v1/channels").contains("\"pooled\""));

            this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"am\", \"type\": \"ALERTMANAGER\", \"url\": \"" + alertmanager.url() + "\"}"))
                .andExpect(status().isCreated());
            this.alerts.define("test:pools", "Pools test", Severity.WARNING, null, List.of());
            this.alerts.report("test:pools", Map.of(new AlertTarget("123456789012", "us-east-1", "orders-api"),
                    new ExternalAlerts.Report(AlarmState.ALARM, "held scheduler", List.of(1.0))));
            await("a re-post of the firing alert", () -> alertmanager.bodies()
                .stream()
                .anyMatch((b) -> b.contains("Pools test: still firing") && b.contains("orders-api")));
        }
        finally {
            release.countDown();
        }
    }

    private String body(String path) {
        try {
            return this.mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what + "; Alertmanager heard " + alertmanager.bodies())
                .isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static Path directory() {
        try {
            return Files.createTempDirectory("lambdalens-pools-");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Stands in for Alertmanager's {@code /api/v2/alerts}: keeps each body, answers 200. */
    static final class Alertmanager {

        private final List<String> bodies = new ArrayList<>();

        private final HttpServer server;

        Alertmanager() {
            try {
                this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            this.server.createContext("/api/v2/alerts", (exchange) -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (this.bodies) {
                    this.bodies.add(body);
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            this.server.start();
        }

        String url() {
            return "http://127.0.0.1:" + this.server.getAddress().getPort();
        }

        List<String> bodies() {
            synchronized (this.bodies) {
                return new ArrayList<>(this.bodies);
            }
        }

        void close() {
            this.server.stop(0);
        }
    }
}
