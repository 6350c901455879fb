/**
 * Insights: headroom against Lambda's limits per account and region and per function, and recommendations with their
 * evidence and, where they save money, the monthly saving from the cost module.
 */
@NullMarked
package dev.lambdalens.insights;

import org.jspecify.annotations.NullMarked;
