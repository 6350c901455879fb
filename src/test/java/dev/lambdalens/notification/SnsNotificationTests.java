package dev.lambdalens.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import dev.lambdalens.alerting.RuleEvaluation;
import dev.lambdalens.collector.CycleRunner;
import dev.lambdalens.testing.DemoDataConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An SNS channel through the real SDK client, against an in-process stub speaking SNS's query protocol.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
class SnsNotificationTests {

    static final List<Map<String, String>> published = Collections.synchronizedList(new ArrayList<>());

    static HttpServer sns;

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    DeliveryWorker worker;

    @BeforeAll
    static void startSns() throws IOException {
        System.setProperty("aws.accessKeyId", "AKIATEST");
        System.setProperty("aws.secretAccessKey", "secret");
        sns = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sns.createContext("/", (exchange) -> {
            try (exchange) {
                Map<String, String> form = new HashMap<>();
                for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                    int eq = pair.indexOf('=');
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                published.add(form);
                byte[] xml = ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                        + "<MessageId>m-" + published.size() + "</MessageId></PublishResult><ResponseMetadata>"
                        + "<RequestId>r</RequestId></ResponseMetadata></PublishResponse>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/xml");
                exchange.sendResponseHeaders(200, xml.length);
                exchange.getResponseBody().write(xml);
            }
        });
        sns.start();
    }

    @AfterAll
    static void stopSns() {
        sns.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("lambdalens.notification.sns-endpoint", () -> "http://127.0.0.1:" + sns.getAddress().getPort());
    }

    @Test
    void shouldPublishFiringAlertsToTheTopic() throws Exception {
        this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "sns", "type": "SNS", "url": "arn:aws:sns:eu-west-1:123456789012:oncall.fifo"}"""))
            .andExpect(status().isCreated());
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        int delivered = this.worker.deliverDue();
        assertThat(delivered).isPositive();
        assertThat(published).hasSize(delivered).allSatisfy((form) -> {
            assertThat(form).containsEntry("Action", "Publish")
                .containsEntry("TopicArn", "arn:aws:sns:eu-west-1:123456789012:oncall.fifo")
                .containsEntry("MessageGroupId", "lambdalens");
            assertThat(form.get("Subject")).startsWith("[LambdaLens] FIRING: ").hasSizeLessThanOrEqualTo(100);
            assertThat(form.get("MessageDeduplicationId")).startsWith("lambdalens-firing-");
            assertThat(form.get("Message")).contains("\"status\":\"firing\"", "\"alerts\":[");
        });
    }

    @Test
    void shouldRefuseAnSnsChannelWithoutATopicArn() throws Exception {
        this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "sns", "type": "SNS", "url": "https://sns.example.com"}"""))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("url"));
    }
}
