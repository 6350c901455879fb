/**
 * Cost: Lambda prices as data, the cost of every function per day computed the way the bill is (account-wide free
 * tier, tiers per architecture and region), budgets with forecasts whose crossings become alerts, and savings.
 */
@NullMarked
package dev.lambdalens.cost;

import org.jspecify.annotations.NullMarked;
