package dev.lambdalens.metrics;

/**
 * Where a Lambda metric can exist: CloudWatch bills every metric requested, so the collector asks for a metric only
 * for the functions that can have it.
 */
public enum MetricAvailability {

    /** Every function and account publishes it. */
    ALWAYS,
    /** Functions with the Lambda Insights extension. */
    LAMBDA_INSIGHTS,
    /** Functions a Kinesis or DynamoDB Streams mapping invokes. */
    STREAM_MAPPING,
    /** Functions an Amazon MSK or self-managed Kafka mapping invokes. */
    KAFKA_MAPPING,
    /** Functions invoked asynchronously (S3, SNS, EventBridge, ...). */
    ASYNC_INVOCATION,
    /** Functions with a dead-letter queue. */
    DEAD_LETTER_QUEUE,
    /** Functions whose events go to a destination (asynchronous or a mapping's on-failure). */
    DESTINATION,
    /** Functions that can be part of a recursive loop Lambda stops: invoked asynchronously or by an SQS mapping. */
    RECURSION,
    /** Each alias or version with provisioned concurrency ({@code Resource} dimension). */
    PROVISIONED_CONCURRENCY,
    /** Each event source mapping with {@code EventCount} metrics on ({@code EventSourceMappingUUID} dimension). */
    MAPPING_EVENT_COUNT,
    /**
     * Each version an alias with weighted routing sends traffic to, during a rollout ({@code Resource} and
     * {@code ExecutedVersion} dimensions, qualifier {@code alias:version}).
     */
    EXECUTED_VERSION,
    /** Read from the function's logs by LambdaLens, never asked of CloudWatch. */
    LOGS;

    /**
     * Whether its series are per alias or version, per event source mapping, or per version behind an alias,
     * rather than per function: their series keys carry a qualifier.
     */
    public boolean qualified() {
        return this == PROVISIONED_CONCURRENCY || this == MAPPING_EVENT_COUNT || this == EXECUTED_VERSION;
    }
}
