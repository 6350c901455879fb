package dev.lambdalens.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A chart on a page: its lines, its range and an optional limit drawn as a dashed line (account limit, reserved
 * concurrency, timeout). The page script reads it from the element's {@code data-chart} attribute.
 */
record Chart(String title, String unit, List<ChartLine> lines, Instant from, Instant to, @Nullable Double limit,
        @Nullable String limitLabel) {
}
