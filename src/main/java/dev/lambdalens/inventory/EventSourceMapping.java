package dev.lambdalens.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An event source mapping: Lambda polling a stream, queue or Kafka topic and invoking a function with batches.
 *
 * @param uuid the mapping's identifier (the {@code EventSourceMappingUUID} dimension of its metrics)
 * @param functionName the function it invokes (without qualifier)
 * @param qualifier the alias or version it invokes, {@code null} for the unqualified function
 * @param sourceArn the source's ARN, or the Kafka bootstrap servers of a self-managed cluster
 * @param kind what the source is
 * @param state {@code Enabled}, {@code Disabled}, {@code Creating}, ... as Lambda reports it
 * @param batchSize the largest batch, {@code null} when not reported
 * @param batchingWindowSeconds how long Lambda gathers records before invoking, {@code null} when not reported
 * @param filters the filter patterns (JSON), empty when every event goes through
 * @param onFailureDestination where discarded batches go, {@code null} when nowhere
 * @param metrics the optional metric groups enabled ({@code EventCount}, {@code ErrorCount}, {@code KafkaMetrics})
 * @param maximumRecordAgeSeconds streams only: records older than this are discarded ({@code null} or -1: never)
 * @param lastModified when the mapping last changed, {@code null} when not reported
 */
public record EventSourceMapping(String uuid, String functionName, @Nullable String qualifier, String sourceArn,
        EventSourceKind kind, String state, @Nullable Integer batchSize, @Nullable Integer batchingWindowSeconds,
        List<String> filters, @Nullable String onFailureDestination, Set<String> metrics,
        @Nullable Integer maximumRecordAgeSeconds, @Nullable Instant lastModified) {

    /** The metric group that makes a mapping publish its event counts by {@code EventSourceMappingUUID}. */
    public static final String EVENT_COUNT = "EventCount";

    public EventSourceMapping {
        filters = List.copyOf(filters);
        metrics = Set.copyOf(metrics);
    }

    /** Whether the mapping publishes its event counts ({@code PolledEventCount}, ...) by its UUID. */
    public boolean eventCountMetrics() {
        return this.metrics.contains(EVENT_COUNT);
    }

    /** Whether Lambda polls the source now (a disabled mapping reports nothing new). */
    public boolean enabled() {
        return "Enabled".equalsIgnoreCase(this.state);
    }
}
