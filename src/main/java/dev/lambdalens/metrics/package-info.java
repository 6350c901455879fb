/**
 * Metrics: the time-series store. Samples are written in JDBC batches, idempotent on (series, minute), and read
 * back at a step chosen so that a chart never receives more points than it can draw.
 */
@NullMarked
package dev.lambdalens.metrics;

import org.jspecify.annotations.NullMarked;
