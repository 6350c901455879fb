/**
 * Inventory: the accounts, regions and Lambda functions being monitored, with their configuration and the
 * account's concurrency limits. Other modules read it through {@link dev.lambdalens.inventory.Inventory}.
 */
@NullMarked
package dev.lambdalens.inventory;

import org.jspecify.annotations.NullMarked;
