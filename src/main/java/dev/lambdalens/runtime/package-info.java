/**
 * Runtime: the shared kernel of scheduled work. Locks and leases on the shared database (ShedLock), the bounded
 * pools each kind of work runs on, and the identity of this instance. Every module may use it; it uses none.
 */
@NullMarked
package dev.lambdalens.runtime;

import org.jspecify.annotations.NullMarked;
