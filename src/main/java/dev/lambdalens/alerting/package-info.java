/**
 * Alerting: rules evaluated against the stored series exactly as CloudWatch alarms evaluate (period, M of N,
 * treatment of missing data), alert state and its history.
 */
@NullMarked
package dev.lambdalens.alerting;

import org.jspecify.annotations.NullMarked;
