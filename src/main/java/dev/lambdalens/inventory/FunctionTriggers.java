package dev.lambdalens.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import dev.lambdalens.metrics.MetricAvailability;

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

    /**
     * Whether a per-function metric of that availability can exist for the function: the collector asks only for
     * those, and rules watch only those. Metrics kept per alias, version or mapping never exist per function (see
     * {@link #qualifiers}); figures from logs are not CloudWatch's to publish.
     *
     * @param lambdaInsights whether the function carries the Lambda Insights extension
     */
    public boolean publishes(MetricAvailability availability, boolean lambdaInsights) {
        return switch (availability) {
            case ALWAYS -> true;
            case LAMBDA_INSIGHTS -> lambdaInsights;
            case STREAM_MAPPING -> streamMapping();
            case KAFKA_MAPPING -> kafkaMapping();
            case ASYNC_INVOCATION -> invokedAsynchronously();
            case DEAD_LETTER_QUEUE -> deadLetterQueue();
            case DESTINATION -> destinations();
            case RECURSION -> invokedAsynchronously()
                    || this.mappings.stream().anyMatch((m) -> m.kind() == EventSourceKind.SQS);
            case LOGS, PROVISIONED_CONCURRENCY, MAPPING_EVENT_COUNT, EXECUTED_VERSION -> false;
        };
    }

    /**
     * The qualifiers a metric kept per alias, version or mapping has series for: the aliases and versions with
     * provisioned concurrency, the mappings that publish event counts, or each version a weighted alias runs
     * ({@code alias:version}); none for other availabilities.
     */
    public List<String> qualifiers(MetricAvailability availability) {
        return switch (availability) {
            case PROVISIONED_CONCURRENCY -> provisioned().stream().map(ProvisionedConcurrency::qualifier).toList();
            case MAPPING_EVENT_COUNT -> eventCountMappings().stream().map(EventSourceMapping::uuid).toList();
            case EXECUTED_VERSION -> weightedAliases().stream()
                .flatMap((alias) -> rolloutVersions(alias).stream().map((version) -> alias.name() + ":" + version))
                .toList();
            default -> List.of();
        };
    }

    /** What a function must have for a metric of that availability to exist, in words ("a stream mapping"). */
    public static String requirement(MetricAvailability availability) {
        return switch (availability) {
            case ALWAYS, LOGS -> "nothing";
            case LAMBDA_INSIGHTS -> "the Lambda Insights extension";
            case STREAM_MAPPING -> "a Kinesis or DynamoDB stream mapping";
            case KAFKA_MAPPING -> "a Kafka mapping";
            case ASYNC_INVOCATION -> "asynchronous invocation";
            case DEAD_LETTER_QUEUE -> "a dead-letter queue";
            case DESTINATION -> "a destination";
            case RECURSION -> "asynchronous invocation or an SQS mapping";
            case PROVISIONED_CONCURRENCY -> "provisioned concurrency";
            case MAPPING_EVENT_COUNT -> "a mapping with event count metrics";
            case EXECUTED_VERSION -> "an alias with weighted routing";
        };
    }

    /** The aliases that send part of their traffic to another version: a weighted rollout under way. */
    public List<FunctionAlias> weightedAliases() {
        return this.setup.aliases().stream().filter((a) -> !a.additionalVersionWeights().isEmpty()).toList();
    }

    /** The versions an alias runs, its own first, then the additional ones in version order. */
    public static List<String> rolloutVersions(FunctionAlias alias) {
        List<String> versions = new ArrayList<>();
        versions.add(alias.version());
        alias.additionalVersionWeights()
            .keySet()
            .stream()
            .sorted(Comparator.comparingLong(FunctionTriggers::versionNumber))
            .filter((v) -> !v.equals(alias.version()))
            .forEach(versions::add);
        return versions;
    }

    private static long versionNumber(String version) {
        try {
            return Long.parseLong(version);
        }
        catch (NumberFormatException ex) {
            return Long.MAX_VALUE;
        }
    }
}
