package dev.lambdalens.collector;

import java.time.Instant;
import java.util.Set;

import dev.lambdalens.metrics.LambdaMetric;
import org.jspecify.annotations.Nullable;

/**
 * Published after samples of one account and region over [from, to) were stored.
 *
 * @param covered the targets whose series this window fetched, so that their data is complete up to {@code to}:
 * function names, and {@code ""} for the account level; {@code null} when the samples say nothing of what is
 * complete (pushed, or read from logs)
 * @param coveredMetrics with {@code covered}, the only metrics (their Sum) the window fetched, as a fetch made
 * because the account-level signal moved does; {@code null} when it fetched every series of the targets
 * @param streamed whether the samples came from a Metric Streams delivery
 */
public record MetricsCollected(String account, String region, Instant from, Instant to, int samplesWritten,
        @Nullable Set<String> covered, @Nullable Set<LambdaMetric> coveredMetrics, boolean streamed) {

    public MetricsCollected {
        covered = (covered != null) ? Set.copyOf(covered) : null;
        coveredMetrics = (coveredMetrics != null) ? Set.copyOf(coveredMetrics) : null;
    }

    /** A polled window that fetched every series of the {@code covered} targets. */
    public MetricsCollected(String account, String region, Instant from, Instant to, int samplesWritten,
            @Nullable Set<String> covered) {
        this(account, region, from, to, samplesWritten, covered, null, false);
    }

    /** Samples stored without a claim to completeness (read from logs). */
    public MetricsCollected(String account, String region, Instant from, Instant to, int samplesWritten) {
        this(account, region, from, to, samplesWritten, null, null, false);
    }

    /** The samples of a Metric Streams delivery. */
    public static MetricsCollected streamed(String account, String region, Instant from, Instant to,
            int samplesWritten) {
        return new MetricsCollected(account, region, from, to, samplesWritten, null, null, true);
    }
}
