package dev.lambdalens.collector;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Published after a cycle stored the samples of one account and region over [from, to).
 *
 * @param covered the targets whose every series this window fetched, so that their data is complete up to
 * {@code to}: function names, and {@code ""} for the account level; {@code null} when the samples were pushed
 * (Metric Streams) and say nothing of what is complete
 */
public record MetricsCollected(String account, String region, Instant from, Instant to, int samplesWritten,
        @Nullable Set<String> covered) {

    public MetricsCollected {
        covered = (covered != null) ? Set.copyOf(covered) : null;
    }

    /** Samples stored without a claim to completeness (a Metric Streams delivery). */
    public MetricsCollected(String account, String region, Instant from, Instant to, int samplesWritten) {
        this(account, region, from, to, samplesWritten, null);
    }
}
