package dev.lambdalens.collector.source.aws;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds and keeps one SDK client per service, account and region, all with the same explicit retry strategy,
 * timeouts, call counting and (for emulators) endpoint.
 */
final class AwsClients implements AutoCloseable {

    private final AwsProperties properties;

    private final MeterRegistry registry;

    private final SdkHttpClient http;

    private final Map<String, CloudWatchClient> cloudWatch = new ConcurrentHashMap<>();

    private final Map<String, LambdaClient> lambda = new ConcurrentHashMap<>();

    private final Map<String, StsClient> sts = new ConcurrentHashMap<>();

    AwsClients(AwsProperties properties, MeterRegistry registry) {
        this.properties = properties;
        this.registry = registry;
        // a read timeout below the attempt timeout would cut attempts the setting allows
        Duration attempt = properties.attemptTimeout();
        this.http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout((attempt.compareTo(Duration.ofSeconds(30)) > 0) ? attempt : Duration.ofSeconds(30))
            .build();
    }

    /** The credentials of the home account: static ones for an emulator, else the default chain. */
    AwsCredentialsProvider homeCredentials() {
        String key = this.properties.accessKeyId();
        String secret = this.properties.secretAccessKey();
        if (key != null && secret != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    CloudWatchClient cloudWatch(AwsAccount account, String region) {
        return this.cloudWatch.computeIfAbsent(account.id() + "/" + region,
                (k) -> configure(CloudWatchClient.builder(), account.credentials(), account.id(), region).build());
    }

    LambdaClient lambda(AwsAccount account, String region) {
        return this.lambda.computeIfAbsent(account.id() + "/" + region,
                (k) -> configure(LambdaClient.builder(), account.credentials(), account.id(), region).build());
    }

    /** STS in the first configured region, called with the given credentials. */
    StsClient sts(AwsCredentialsProvider credentials, String label) {
        String region = this.properties.regions().get(0);
        return this.sts.computeIfAbsent(label,
                (k) -> configure(StsClient.builder(), credentials, label, region).build());
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsCredentialsProvider credentials,
            String account, String region) {
        builder.region(Region.of(region))
            .credentialsProvider(credentials)
            .overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(retryMode())
                .apiCallTimeout(Duration.ofMinutes(2))
                .apiCallAttemptTimeout(this.properties.attemptTimeout())
                .addExecutionInterceptor(new ApiCallCounter(this.registry, account, region))
                .build());
        if (this.properties.endpoint() != null) {
            builder.endpointOverride(this.properties.endpoint());
        }
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(this.http);
        }
        return builder;
    }

    private RetryMode retryMode() {
        return switch (this.properties.retryMode()) {
            case STANDARD -> RetryMode.STANDARD;
            case ADAPTIVE_V2 -> RetryMode.ADAPTIVE_V2;
        };
    }

    @Override
    public void close() {
        this.cloudWatch.values().forEach(CloudWatchClient::close);
        this.lambda.values().forEach(LambdaClient::close);
        this.sts.values().forEach(StsClient::close);
        this.http.close();
    }
}
