/**
 * Notification: channels, and the durable delivery of alert state changes to them, at least once, with the same
 * idempotency key on every attempt.
 */
@NullMarked
package dev.lambdalens.notification;

import org.jspecify.annotations.NullMarked;
