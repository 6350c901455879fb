package dev.lambdalens.alerting;

/**
 * What a rule compares with its threshold, per period: a stored metric, or a figure derived from several.
 */
public enum Signal {

    /** A stored metric and statistic, as it is. */
    METRIC(false),
    /** Errors as a percentage of invocations; a period without invocations has no datapoint. */
    ERROR_RATE(false),
    /** Throttles as a percentage of invocations asked for (invocations plus throttles). */
    THROTTLE_RATE(false),
    /** The account's ConcurrentExecutions as a percentage of its concurrency limit. */
    ACCOUNT_CONCURRENCY_SHARE(true),
    /** A function's ConcurrentExecutions as a percentage of its reserved concurrency (functions with one only). */
    RESERVED_CONCURRENCY_SHARE(false),
    /** A function's p99 Duration as a percentage of its timeout. */
    P99_SHARE_OF_TIMEOUT(false),
    /**
     * Invocations that spilled over a function's provisioned concurrency as a percentage of the invocations of its
     * aliases and versions with provisioned concurrency (served on it plus spilled); functions with some only.
     */
    SPILLOVER_RATE(false),
    /**
     * The age of a function's oldest asynchronous event (AsyncEventAge Maximum) as a percentage of its maximum event
     * age, after which events are dropped; functions invoked asynchronously only.
     */
    ASYNC_AGE_SHARE(false),
    /**
     * How far a stream consumer is behind (IteratorAge Maximum) as a percentage of how long the stream keeps records
     * (the mapping's maximum record age where set, older records being discarded, else 24 hours: DynamoDB Streams'
     * retention, Kinesis' default);
     * functions with a stream mapping only.
     */
    STREAM_LAG_SHARE(false),
    /** Reported by another module through {@link ExternalAlerts} (a budget's thresholds); never evaluated here. */
    EXTERNAL(true),
    /** The monitor itself: minutes an account and region's collection has been failing (0 while it works). */
    COLLECTION_FAILING(true),
    /** The monitor itself: minutes the oldest stored data of an account and region lags behind now. */
    DATA_LAG(true),
    /** The monitor itself: minutes an account and region's discovery has been failing (0 while it works). */
    DISCOVERY_FAILING(true);

    private final boolean accountLevel;

    Signal(boolean accountLevel) {
        this.accountLevel = accountLevel;
    }

    /** Whether the signal is about LambdaLens's own collection, judged on the clock rather than on collected data. */
    public boolean selfMonitoring() {
        return this == COLLECTION_FAILING || this == DATA_LAG || this == DISCOVERY_FAILING;
    }

    /** Whether the signal is about a whole account and region rather than one function. */
    public boolean accountLevel() {
        return this.accountLevel;
    }
}
