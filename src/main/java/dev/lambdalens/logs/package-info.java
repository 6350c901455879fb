/**
 * Logs: per-invocation truth from Lambda's own log lines (REPORT lines, {@code platform.*} events, the runtimes'
 * error shapes), pushed through a CloudWatch Logs subscription and Kinesis Data Firehose or pulled with Logs
 * Insights, turned into per-minute figures in the metrics store and into error groups.
 */
@NullMarked
package dev.lambdalens.logs;

import org.jspecify.annotations.NullMarked;
