package dev.lambdalens.inventory;

import java.util.Locale;

/**
 * What an event source mapping reads from, as told by its source ARN: it decides which metrics can exist (a stream
 * has an iterator age, Kafka an offset lag, a queue neither).
 */
public enum EventSourceKind {

    KINESIS, DYNAMODB_STREAMS, SQS, KAFKA, MQ, DOCUMENTDB, OTHER;

    /** Whether Lambda reads it as a stream, so that the mapping reports {@code IteratorAge}. */
    public boolean stream() {
        return this == KINESIS || this == DYNAMODB_STREAMS;
    }

    /** Whether it is Amazon MSK or self-managed Kafka, so that the mapping reports {@code OffsetLag}. */
    public boolean kafka() {
        return this == KAFKA;
    }

    /**
     * The kind of a source from its ARN ({@code arn:aws:kinesis:...}, {@code arn:aws:dynamodb:...:table/t/stream/..})
     * or, for self-managed Kafka (no ARN), from the mapping having Kafka bootstrap servers.
     */
    public static EventSourceKind of(String sourceArn, boolean selfManagedKafka) {
        if (selfManagedKafka) {
            return KAFKA;
        }
        String[] parts = sourceArn.split(":", 6);
        String service = (parts.length > 2) ? parts[2].toLowerCase(Locale.ROOT) : "";
        return switch (service) {
            case "kinesis" -> KINESIS;
            case "dynamodb" -> DYNAMODB_STREAMS;
            case "sqs" -> SQS;
            case "kafka" -> KAFKA;
            case "mq" -> MQ;
            case "rds", "docdb" -> DOCUMENTDB;
            default -> OTHER;
        };
    }
}
