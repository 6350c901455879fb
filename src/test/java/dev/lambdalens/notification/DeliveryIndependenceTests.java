package dev.lambdalens.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpServer;
import dev.lambdalens.alerting.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries through the scheduled path (the dispatcher, the delivery pool), with receivers that misbehave: an SMTP
 * server that accepts connections and never answers, and a webhook receiver that takes 10 s per request. Neither
 * delays another channel's deliveries by more than a second, and the hung mail attempt ends at the mail timeout.
 */
@SpringBootTest(properties = { "lambdalens.collector.enabled=false", "lambdalens.alerting.enabled=false",
        "lambdalens.cost.budgets-enabled=false", "lambdalens.retention.enabled=false",
        "lambdalens.notification.enabled=true", "lambdalens.notification.poll-interval=1s",
        "spring.mail.host=127.0.0.1",
        "spring.mail.properties[mail.smtp.connectiontimeout]=8000", "spring.mail.properties[mail.smtp.timeout]=8000",
        "spring.mail.properties[mail.smtp.writetimeout]=8000" })
class DeliveryIndependenceTests {

    static final SilentSmtp smtp = new SilentSmtp();

    static final TimedReceiver slow = new TimedReceiver(Duration.ofSeconds(10));

    static final TimedReceiver fast = new TimedReceiver(Duration.ZERO);

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", smtp::port);
    }

    @AfterAll
    static void stop() {
        smtp.close();
        slow.close();
        fast.close();
    }

    @Test
    void shouldDeliverToAHealthyChannelWhileTheSmtpServerHangsAndAnotherReceiverIsSlow() throws Exception {
        channel("mail", "EMAIL", "mailto:oncall@example.com");
        channel("slow hook", "WEBHOOK", slow.url());
        channel("fast hook", "WEBHOOK", fast.url());

        owe("first");
        awaitTrue(Duration.ofSeconds(20), () -> fast.arrivals.size() == 1);
        Instant fastFirst = fast.arrivals.get(0);
        // the other two start too (formatting the mail can take a few seconds on a busy machine)
        awaitTrue(Duration.ofSeconds(30), () -> !slow.arrivals.isEmpty() && !smtp.accepted.isEmpty());
        // served in the same pass: the healthy channel did not wait for the other two
        assertThat(fastFirst).isBefore(slow.arrivals.get(0).plusSeconds(1));
        assertThat(fastFirst).isBefore(smtp.accepted.get(0).plusSeconds(1));

        // owed while the SMTP server hangs and the slow receiver has a queue: the fast channel gets it at once
        owe("second");
        Instant owedAt = Instant.now();
        awaitTrue(Duration.ofSeconds(20), () -> fast.arrivals.size() == 2);
        assertThat(Duration.between(owedAt, fast.arrivals.get(1))).as("poll interval 1 s")
            .isLessThan(Duration.ofSeconds(2));
        assertThat(mailErrors()).as("the SMTP server still has not answered").isEmpty();
        assertThat(slow.answered).as("the slow receiver has not answered its second request").hasSizeLessThan(2);

        // the mail attempt that never got an answer ends at the mail timeout, as a failed attempt to retry later
        awaitTrue(Duration.ofSeconds(30), () -> !mailErrors().isEmpty());
        assertThat(mailErrors().get(0)).containsIgnoringCase("timeout");
    }

    private List<String> mailErrors() {
        return this.jdbc.sql("select a.error from delivery_attempt a join delivery d on d.id = a.delivery_id "
                + "join channel c on c.id = d.channel_id where c.type = 'EMAIL' and a.outcome = 'FAILED'")
            .query(String.class)
            .list();
    }

    private void channel(String name, String type, String url) {
        this.jdbc.sql("insert into channel (name, type, url, minimum_severity, enabled, created_at) "
                + "values (?, ?, ?, 'INFO', true, current_timestamp)")
            .params(name, type, url)
            .update();
    }

    private void owe(String key) {
        this.outbox.owe(Outbox.event("independence-" + key, true, false, "Throttles", 1L, Severity.CRITICAL, null,
                Instant.now(), 1, List.of()), Severity.CRITICAL, List.of(), false);
    }

    private static void awaitTrue(Duration atMost, Supplier<Boolean> condition) throws InterruptedException {
        Instant until = Instant.now().plus(atMost);
        while (!condition.get()) {
            assertThat(Instant.now()).as("waited %s", atMost).isBefore(until);
            Thread.sleep(50);
        }
    }

    /** An SMTP server that accepts connections and never says a word. */
    static final class SilentSmtp implements AutoCloseable {

        final List<Instant> accepted = Collections.synchronizedList(new ArrayList<>());

        private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

        private final ServerSocket server;

        SilentSmtp() {
            try {
                this.server = new ServerSocket(0);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            Thread thread = new Thread(() -> {
                while (!this.server.isClosed()) {
                    try {
                        this.sockets.add(this.server.accept());
                        this.accepted.add(Instant.now());
                    }
                    catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return this.server.getLocalPort();
        }

        @Override
        public void close() {
            try {
                this.server.close();
                for (Socket socket : this.sockets) {
                    socket.close();
                }
            }
            catch (IOException ex) {
                // closing anyway
            }
        }
    }

    /** A webhook receiver that takes its time over every request, recording when each arrived and was answered. */
    static final class TimedReceiver implements AutoCloseable {

        final List<Instant> arrivals = Collections.synchronizedList(new ArrayList<>());

        final List<Instant> answered = Collections.synchronizedList(new ArrayList<>());

        private final HttpServer server;

        TimedReceiver(Duration delay) {
            try {
                this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            this.server.setExecutor(Executors.newCachedThreadPool());
            this.server.createContext("/hook", (exchange) -> {
                try (exchange) {
                    this.arrivals.add(Instant.now());
                    exchange.getRequestBody().readAllBytes();
                    Thread.sleep(delay.toMillis());
                    exchange.sendResponseHeaders(204, -1);
                    this.answered.add(Instant.now());
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            this.server.start();
        }

        String url() {
            return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            this.server.stop(0);
        }
    }
}
