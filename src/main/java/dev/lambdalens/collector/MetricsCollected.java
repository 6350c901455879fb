package dev.lambdalens.collector;

import java.time.Instant;

/**
 * Published after a cycle stored the samples of one account and region over [from, to).
 */
public record MetricsCollected(String account, String region, Instant from, Instant to, int samplesWritten) {
}
