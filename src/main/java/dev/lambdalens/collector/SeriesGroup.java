package dev.lambdalens.collector;

import java.time.Duration;

/**
 * The series of one account and region, grouped by how often they are worth fetching: CloudWatch bills per metric
 * requested, so each group is fetched at its own cadence and keeps its own watermark.
 */
enum SeriesGroup {

    /** Account-level concurrency and traffic: the headroom figures, fetched every cycle. */
    ACCOUNT,
    /** Functions invoked within the idle period. */
    ACTIVE_FUNCTIONS,
    /** Functions not invoked for the idle period: asked for rarely, since they rarely have anything to say. */
    IDLE_FUNCTIONS;

    Duration interval(CollectorProperties properties) {
        return switch (this) {
            case ACCOUNT -> properties.interval();
            case ACTIVE_FUNCTIONS -> properties.functionInterval();
            case IDLE_FUNCTIONS -> properties.idleFunctionInterval();
        };
    }
}
