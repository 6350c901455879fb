package dev.lambdalens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor's own meters in the user's stack over OTLP: with {@code management.otlp.metrics.export.enabled} and a
 * URL, Micrometer's OTLP registry posts OTLP/HTTP protobuf to {@code /v1/metrics} of an in-process receiver on a
 * free loopback port, and the request, decoded with the OpenTelemetry proto classes the registry brings, carries
 * LambdaLens' own meters under its service name.
 */
@SpringBootTest(properties = { "management.otlp.metrics.export.enabled=true",
        "management.otlp.metrics.export.step=1s" })
@AutoConfigureMetrics
class OtlpExportTests {

    static final Receiver receiver = new Receiver();

    @DynamicPropertySource
    static void otlp(DynamicPropertyRegistry registry) {
        registry.add("management.otlp.metrics.export.url", () -> receiver.url() + "/v1/metrics");
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void shouldPushTheMonitorsOwnMetersAsOtlpProtobuf() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Map<String, Metric> metrics = metrics();
        // the registry publishes from its first step on, while the JVM binders may still be binding: wait for both
        while (!(metrics.containsKey("lambdalens.alerting.passes") && metrics.containsKey("jvm.memory.used"))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            metrics = metrics();
        }
        assertThat(metrics).as("meters received: " + metrics.keySet()).containsKey("lambdalens.alerting.passes");
        assertThat(metrics.get("lambdalens.alerting.passes").hasSum()).as("a counter is an OTLP sum").isTrue();
        assertThat(metrics.get("lambdalens.alerting.passes").getSum().getIsMonotonic()).isTrue();
        assertThat(metrics).as("meters received: " + metrics.keySet()).containsKey("jvm.memory.used");
        synchronized (receiver.requests) {
            Receiver.Request first = receiver.requests.get(0);
            assertThat(first.path()).isEqualTo("/v1/metrics");
            assertThat(first.contentType()).isEqualTo("application/x-protobuf");
            ResourceMetrics resource = ExportMetricsServiceRequest.parseFrom(first.body()).getResourceMetrics(0);
            Map<String, String> attributes = resource.getResource()
                .getAttributesList()
                .stream()
                .collect(Collectors.toMap(KeyValue::getKey, (kv) -> kv.getValue().getStringValue(), (a, b) -> a));
            assertThat(attributes).containsEntry("service.name", "lambdalens");
        }
    }

    /** Every metric of every request received so far, by name. */
    private static Map<String, Metric> metrics() throws IOException {
        Map<String, Metric> byName = new TreeMap<>();
        List<Receiver.Request> requests;
        synchronized (receiver.requests) {
            requests = new ArrayList<>(receiver.requests);
        }
        for (Receiver.Request request : requests) {
            for (ResourceMetrics resource : ExportMetricsServiceRequest.parseFrom(request.body())
                .getResourceMetricsList()) {
                for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                    scope.getMetricsList().forEach((metric) -> byName.put(metric.getName(), metric));
                }
            }
        }
        return byName;
    }

    /** An OTLP/HTTP receiver: keeps each request and answers 200 with an empty export response. */
    static final class Receiver {

        final List<Request> requests = new ArrayList<>();

        private final HttpServer server;

        Receiver() {
            try {
                this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            this.server.createContext("/", (exchange) -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                synchronized (this.requests) {
                    this.requests.add(new Request(exchange.getRequestURI().getPath(),
                            exchange.getRequestHeaders().getFirst("Content-Type"), body));
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            this.server.start();
        }

        String url() {
            return "http://127.0.0.1:" + this.server.getAddress().getPort();
        }

        void close() {
            this.server.stop(0);
        }

        record Request(String path, String contentType, byte[] body) {
        }
    }
}
