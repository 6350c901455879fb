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
                exchange.sendResponseHeaders(this.down ? 503 : 204, -1);
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
