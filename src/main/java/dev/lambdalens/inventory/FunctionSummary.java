package dev.lambdalens.inventory;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A monitored function as other modules and the API see it.
 */
public record FunctionSummary(String account, String region, String name, String arn, @Nullable String runtime,
        Architecture architecture, int memoryMb, int timeoutSeconds, @Nullable Integer reservedConcurrency,
        long codeSizeBytes, Map<String, String> tags, int layerCount, long layersCodeSizeBytes, @Nullable String vpcId,
        FunctionState state, Instant firstSeen, Instant lastSeen) {
}
