package dev.lambdalens.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * POSTs a notification as JSON, with its idempotency key and, for a channel with a secret, an HMAC-SHA256 signature
 * of the body ({@code X-LambdaLens-Signature: sha256=<hex>}) so that the receiver can tell it came from us.
 */
@Component
class WebhookSender {

    static final String SIGNATURE_HEADER = "X-LambdaLens-Signature";

    static final String IDEMPOTENCY_HEADER = "X-LambdaLens-Idempotency-Key";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final NotificationProperties properties;

    WebhookSender(NotificationProperties properties) {
        this.properties = properties;
    }

    /** @return the HTTP status the receiver answered */
    int send(String url, @Nullable String secret, String idempotencyKey, String body)
            throws IOException, InterruptedException {
        return answer(url, secret, idempotencyKey, body).status();
    }

    /** @return the receiver's status, and its {@code Retry-After} if it gave one */
    DeliveryOutcome.Answer answer(String url, @Nullable String secret, String idempotencyKey, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .timeout(this.properties.requestTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "LambdaLens")
            .header(IDEMPOTENCY_HEADER, idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (secret != null && !secret.isEmpty()) {
            request.header(SIGNATURE_HEADER, "sha256=" + sign(secret, body));
        }
        HttpResponse<Void> response = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        return new DeliveryOutcome.Answer(response.statusCode(),
                response.headers().firstValue("Retry-After").orElse(null));
    }

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("HMAC-SHA256 is not available", ex);
        }
    }
}
