package dev.lambdalens.collector;

/**
 * Where LambdaLens reads functions and metrics from ({@code lambdalens.source}).
 */
public enum SourceKind {
    /** The built-in simulated account: no AWS needed. */
    DEMO,
    /** CloudWatch and Lambda through the AWS SDK. */
    AWS
}
