/**
 * The {@link dev.lambdalens.collector.source.MetricSource} port the collector fetches through, with its adapters in
 * sub-packages. Internal to the collector module.
 */
@NullMarked
package dev.lambdalens.collector.source;

import org.jspecify.annotations.NullMarked;
