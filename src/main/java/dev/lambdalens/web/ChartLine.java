package dev.lambdalens.web;

import org.jspecify.annotations.Nullable;

/**
 * One line of a chart, as the page script asks {@code /api/v1/series} for it.
 */
record ChartLine(String label, String account, String region, @Nullable String function, String metric,
        String statistic) {
}
