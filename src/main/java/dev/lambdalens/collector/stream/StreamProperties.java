package dev.lambdalens.collector.stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Metric Streams ingestion ({@code lambdalens.streams.*}).
 *
 * @param enabled whether the Firehose endpoint accepts deliveries
 * @param accessKey the access key configured on the Firehose HTTP endpoint destination
 * ({@code LAMBDALENS_STREAMS_ACCESS_KEY}); every delivery must carry it
 */
@ConfigurationProperties("lambdalens.streams")
public record StreamProperties(@DefaultValue("false") boolean enabled, @Nullable String accessKey) {

    public StreamProperties {
        if (enabled && (accessKey == null || accessKey.length() < 16)) {
            throw new IllegalArgumentException("lambdalens.streams.access-key must be set, at least 16 characters, "
                    + "when lambdalens.streams.enabled is true");
        }
    }
}
