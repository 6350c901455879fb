/**
 * Push ingestion: CloudWatch Metric Streams delivered by Kinesis Data Firehose to an HTTP endpoint, landing in the
 * same store as polling.
 */
@NullMarked
package dev.lambdalens.collector.stream;

import org.jspecify.annotations.NullMarked;
