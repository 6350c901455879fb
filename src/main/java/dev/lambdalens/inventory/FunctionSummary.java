package dev.lambdalens.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A monitored function as other modules and the API see it.
 *
 * @param configurations the history of what cost depends on, oldest first; the first starts at the epoch
 * @param lambdaInsights whether the function carries the Lambda Insights extension (and so publishes memory use)
 * @param revisionId Lambda's revision last discovered ({@code null} when unknown): any change of code or
 *     configuration changes it
 * @param codeSha256 the hash of the deployment package last discovered
 */
public record FunctionSummary(String account, String region, String name, String arn, @Nullable String runtime,
        Architecture architecture, int memoryMb, int timeoutSeconds, @Nullable Integer reservedConcurrency,
        long codeSizeBytes, Map<String, String> tags, int layerCount, long layersCodeSizeBytes, @Nullable String vpcId,
        FunctionState state, Instant firstSeen, Instant lastSeen, int ephemeralStorageMb,
        List<ConfigurationPeriod> configurations, boolean lambdaInsights, @Nullable String revisionId,
        @Nullable String codeSha256) {

    public FunctionSummary {
        tags = Map.copyOf(tags);
        configurations = List.copyOf(configurations);
    }

    /** A function whose revision is not known. */
    public FunctionSummary(String account, String region, String name, String arn, @Nullable String runtime,
            Architecture architecture, int memoryMb, int timeoutSeconds, @Nullable Integer reservedConcurrency,
            long codeSizeBytes, Map<String, String> tags, int layerCount, long layersCodeSizeBytes,
            @Nullable String vpcId, FunctionState state, Instant firstSeen, Instant lastSeen, int ephemeralStorageMb,
            List<ConfigurationPeriod> configurations, boolean lambdaInsights) {
        this(account, region, name, arn, runtime, architecture, memoryMb, timeoutSeconds, reservedConcurrency,
                codeSizeBytes, tags, layerCount, layersCodeSizeBytes, vpcId, state, firstSeen, lastSeen,
                ephemeralStorageMb, configurations, lambdaInsights, null, null);
    }

    /** The configuration in force at an instant. */
    public ConfigurationPeriod configurationAt(Instant at) {
        ConfigurationPeriod current = null;
        for (ConfigurationPeriod period : this.configurations) {
            if (current == null || !period.validFrom().isAfter(at)) {
                current = period;
            }
        }
        return (current != null) ? current
                : new ConfigurationPeriod(Instant.EPOCH, this.memoryMb, this.architecture, this.ephemeralStorageMb);
    }

    /** Whether a configuration period starts inside [from, to). */
    public boolean configurationChangedBetween(Instant from, Instant to) {
        return this.configurations.stream()
            .anyMatch((p) -> !p.validFrom().isBefore(from) && p.validFrom().isBefore(to));
    }
}
