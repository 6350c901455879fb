/**
 * The AWS adapter of the {@link dev.lambdalens.collector.source.MetricSource} port: CloudWatch GetMetricData and the
 * Lambda control plane through the AWS SDK for Java v2, across accounts (STS) and regions.
 */
@NullMarked
package dev.lambdalens.collector.source.aws;

import org.jspecify.annotations.NullMarked;
