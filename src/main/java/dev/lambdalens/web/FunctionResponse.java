package dev.lambdalens.web;

import java.util.Map;

import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.FunctionTriggers;
import org.jspecify.annotations.Nullable;

/**
 * A function as {@code GET /api/v1/functions} lists it; the one-function answer adds its last hour's figures and its
 * triggers (event source mappings, asynchronous invocation, aliases, versions, provisioned concurrency).
 */
record FunctionResponse(String account, String region, String name, String arn, @Nullable String runtime,
        String architecture, int memoryMb, int timeoutSeconds, @Nullable Integer reservedConcurrency,
        long codeSizeBytes, Map<String, String> tags, String state, int layerCount, long layersCodeSizeBytes,
        @Nullable String vpcId, @Nullable FunctionFigures lastHour, @Nullable String revisionId,
        @Nullable String codeSha256, @Nullable FunctionTriggers triggers) {

    static FunctionResponse of(FunctionSummary f, @Nullable FunctionFigures lastHour) {
        return of(f, lastHour, null);
    }

    static FunctionResponse of(FunctionSummary f, @Nullable FunctionFigures lastHour,
            @Nullable FunctionTriggers triggers) {
        return new FunctionResponse(f.account(), f.region(), f.name(), f.arn(), f.runtime(),
                f.architecture().wireName(), f.memoryMb(), f.timeoutSeconds(), f.reservedConcurrency(),
                f.codeSizeBytes(), f.tags(), f.state().name().toLowerCase(java.util.Locale.ROOT), f.layerCount(),
                f.layersCodeSizeBytes(), f.vpcId(), lastHour, f.revisionId(), f.codeSha256(), triggers);
    }
}
