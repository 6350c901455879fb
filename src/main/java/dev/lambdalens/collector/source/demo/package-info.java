/**
 * The demo account: a deterministic simulated AWS account, so that LambdaLens shows live data with no AWS account.
 */
@NullMarked
package dev.lambdalens.collector.source.demo;

import org.jspecify.annotations.NullMarked;
