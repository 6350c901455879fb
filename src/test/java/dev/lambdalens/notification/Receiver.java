package dev.lambdalens.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on loopback that answers 503 while it is "down" and records every request it gets.
 */
final class Receiver implements AutoCloseable {

    record Request(String idempotencyKey, String signature, String body) {
    }

    private final HttpServer server;

    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    volatile boolean down;

    /** What the receiver answers while it is up. */
    volatile int status = 204;

    /** A {@code Retry-After} to send with the answer, or {@code null}. */
    volatile String retryAfter;

    Receiver() {
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.createContext("/hook", (exchange) -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                this.requests.add(new Request(exchange.getRequestHeaders().getFirst("X-LambdaLens-Idempotency-Key"),
                        String.valueOf(exchange.getRequestHeaders().getFirst("X-LambdaLens-Signature")), body));
                if (this.retryAfter != null) {
                    exchange.getResponseHeaders().add("Retry-After", this.retryAfter);
                }
                exchange.sendResponseHeaders(this.down ? 503 : this.status, -1);
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
