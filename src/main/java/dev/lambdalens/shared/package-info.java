/**
 * The shared kernel: what the edge of every module needs alike (how a client error names its field, how a form that
 * could not be bound is shown again, the Firehose HTTP endpoint delivery protocol the push endpoints speak). Depends on
 * no other module.
 */
@NullMarked
package dev.lambdalens.shared;

import org.jspecify.annotations.NullMarked;
