package dev.lambdalens.inventory;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Everything that invokes a function and everything its events go to: its event source mappings and its invocation
 * setup. It says which of Lambda's optional metrics can exist for the function, so that only those are fetched.
 */
public record FunctionTriggers(String functionName, InvocationSetup setup, List<EventSourceMapping> mappings) {

    public FunctionTriggers {
        mappings = List.copyOf(mappings);
    }

    /** A function nothing is known of: no mappings, no asynchronous setup. */
    public static FunctionTriggers none(String functionName) {
        return new FunctionTriggers(functionName, InvocationSetup.NONE, List.of());
    }

    /** Whether a Kinesis or DynamoDB stream mapping invokes it (so {@code IteratorAge} exists). */
    public boolean streamMapping() {
        return this.mappings.stream().anyMatch((m) -> m.kind().stream());
    }

    /** Whether a Kafka mapping invokes it (so {@code OffsetLag} exists). */
    public boolean kafkaMapping() {
        return this.mappings.stream().anyMatch((m) -> m.kind().kafka());
    }

    /**
     * Whether it is invoked asynchronously, as far as its configuration tells: an asynchronous invocation
     * configuration or a dead-letter queue is set, or its resource policy lets an asynchronous service (S3, SNS,
     * EventBridge, ...) invoke it.
     */
    public boolean invokedAsynchronously() {
        return this.setup.asyncInvocation() != null || this.setup.deadLetterTarget() != null
                || !this.setup.asyncSources().isEmpty();
    }

    /** Whether a dead-letter queue is configured (so {@code DeadLetterErrors} exists). */
    public boolean deadLetterQueue() {
        return this.setup.deadLetterTarget() != null;
    }

    /**
     * Whether events are sent to a destination, by the asynchronous configuration or by a mapping (so
     * {@code DestinationDeliveryFailures} exists).
     */
    public boolean destinations() {
        return destinationArns().findAny().isPresent();
    }

    /** Every destination events are sent to: asynchronous on-success and on-failure, mappings' on-failure. */
    public Stream<String> destinationArns() {
        AsyncInvocation async = this.setup.asyncInvocation();
        Stream<String> fromAsync = (async != null) ? Stream.of(async.onSuccess(), async.onFailure()) : Stream.empty();
        return Stream.concat(fromAsync, this.mappings.stream().map(EventSourceMapping::onFailureDestination))
            .filter(Objects::nonNull)
            .distinct();
    }

    /** The mappings that publish their event counts by UUID. */
    public List<EventSourceMapping> eventCountMappings() {
        return this.mappings.stream().filter(EventSourceMapping::eventCountMetrics).toList();
    }

    /** The aliases and versions with provisioned concurrency. */
    public List<ProvisionedConcurrency> provisioned() {
        return this.setup.provisioned();
    }
}
