/**
 * Collector: polls the configured {@link dev.lambdalens.collector.source.MetricSource} for every account and region,
 * re-fetches the trailing window so that late datapoints land, backfills gaps, and reports how it is doing.
 */
@NullMarked
package dev.lambdalens.collector;

import org.jspecify.annotations.NullMarked;
