package dev.lambdalens.logs;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One CloudWatch Logs client per account and region, with the same endpoint, credentials and roles as the collector
 * ({@code lambdalens.aws.*}, read here as well so that the collector's internals stay its own).
 */
@Component
class LogsInsightsClients {

    private final Settings settings;

    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(30))
        .build();

    private final Map<String, CloudWatchLogsClient> clients = new ConcurrentHashMap<>();

    LogsInsightsClients(Environment environment) {
        this.settings = Binder.get(environment).bind("lambdalens.aws", Settings.class)
            .orElse(new Settings(null, null, null, List.of()));
    }

    /** The part of {@code lambdalens.aws} a Logs client needs. */
    record Settings(@Nullable URI endpoint, @Nullable String accessKeyId, @Nullable String secretAccessKey,
            @Nullable List<Role> accounts) {
    }

    record Role(String roleArn, @Nullable String externalId) {
    }

    CloudWatchLogsClient client(String account, String region) {
        return this.clients.computeIfAbsent(account + "/" + region, (k) -> {
            var builder = CloudWatchLogsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(account, region))
                .httpClient(this.http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                    .retryStrategy(RetryMode.STANDARD)
                    .apiCallTimeout(Duration.ofMinutes(1))
                    .build());
            if (this.settings.endpoint() != null) {
                builder.endpointOverride(this.settings.endpoint());
            }
            return builder.build();
        });
    }

    private AwsCredentialsProvider credentials(String account, String region) {
        AwsCredentialsProvider home = (this.settings.accessKeyId() != null && this.settings.secretAccessKey() != null)
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(this.settings.accessKeyId(),
                        this.settings.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        List<Role> roles = (this.settings.accounts() != null) ? this.settings.accounts() : List.of();
        for (Role role : roles) {
            if (role.roleArn().contains(":" + account + ":")) {
                var sts = StsClient.builder().region(Region.of(region)).credentialsProvider(home).httpClient(this.http);
                if (this.settings.endpoint() != null) {
                    sts.endpointOverride(this.settings.endpoint());
                }
                return StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts.build())
                    .refreshRequest((r) -> {
                        r.roleArn(role.roleArn()).roleSessionName("lambdalens-logs");
                        if (role.externalId() != null) {
                            r.externalId(role.externalId());
                        }
                    })
                    .build();
            }
        }
        return home;
    }

    @PreDestroy
    void close() {
        this.clients.values().forEach(CloudWatchLogsClient::close);
        this.http.close();
    }
}
