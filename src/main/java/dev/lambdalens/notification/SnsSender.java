package dev.lambdalens.notification;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import org.springframework.stereotype.Component;

/**
 * Publishes to SNS topics with the default AWS credentials, one client per region (taken from the topic ARN).
 */
@Component
class SnsSender {

    static final Pattern TOPIC_ARN = Pattern.compile("arn:aws[a-z-]*:sns:([a-z0-9-]+):\\d{12}:[A-Za-z0-9_-]+(\\.fifo)?");

    private final NotificationProperties properties;

    private final Map<String, SnsClient> clients = new ConcurrentHashMap<>();

    SnsSender(NotificationProperties properties) {
        this.properties = properties;
    }

    /** @return 200 once SNS accepted the message */
    int publish(String topicArn, String idempotencyKey, SnsFormat.SnsMessage message) {
        Matcher arn = TOPIC_ARN.matcher(topicArn);
        if (!arn.matches()) {
            throw new IllegalArgumentException("'" + topicArn + "' is not an SNS topic ARN");
        }
        PublishRequest.Builder request = PublishRequest.builder()
            .topicArn(topicArn)
            .subject(message.subject())
            .message(message.message());
        if (arn.group(2) != null) {
            // FIFO topics drop a repeated deduplication id: a retried notification arrives once
            request.messageGroupId("lambdalens").messageDeduplicationId(idempotencyKey);
        }
        client(arn.group(1)).publish(request.build());
        return 200;
    }

    private SnsClient client(String region) {
        return this.clients.computeIfAbsent(region, (r) -> {
            SnsClientBuilder builder = SnsClient.builder()
                .region(Region.of(r))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration((c) -> c.retryStrategy(RetryMode.STANDARD)
                    .apiCallTimeout(this.properties.requestTimeout()));
            if (this.properties.snsEndpoint() != null) {
                builder.endpointOverride(this.properties.snsEndpoint());
            }
            return builder.build();
        });
    }

    @PreDestroy
    void close() {
        this.clients.values().forEach(SnsClient::close);
    }
}
