package dev.lambdalens.metrics;

import java.time.Duration;

/**
 * Chooses the step of a chart or API answer from its range: the finest of a few round steps that keeps the number
 * of points at or below what a chart can draw, never finer than the 1-minute resolution that is stored.
 */
public final class Steps {

    /** The resolution samples are stored at. */
    public static final long NATIVE_SECONDS = 60;

    /** About one point per horizontal pixel of a wide chart. */
    public static final int DEFAULT_MAX_POINTS = 1_440;

    /** The most points one answer may carry, the same as one GetMetricData call. */
    public static final int MAX_POINTS = 100_800;

    private static final long[] ROUND_STEPS = { 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200,
            86_400 };

    private Steps() {
    }

    /** Ranges longer than this are drawn in whole hours, so that they read the hourly rollups. */
    public static final Duration HOURLY_BEYOND = Duration.ofDays(7);

    /**
     * The finest round step that draws {@code range} in at most {@code maxPoints} points; for ranges beyond a week,
     * at least an hour, since 1-minute samples are not kept for ever but hourly rollups are.
     */
    public static long stepFor(Duration range, int maxPoints) {
        return stepFor(range, maxPoints, range.compareTo(HOURLY_BEYOND) > 0);
    }

    /** As {@link #stepFor(Duration, int)}, at least an hour when {@code hourly} (a range reaching past the minutes). */
    static long stepFor(Duration range, int maxPoints, boolean hourly) {
        long seconds = Math.max(range.toSeconds(), 1);
        long finest = hourly ? 3_600 : NATIVE_SECONDS;
        for (long step : ROUND_STEPS) {
            if (step >= finest && ceilDiv(seconds, step) <= maxPoints) {
                return step;
            }
        }
        long days = ceilDiv(ceilDiv(seconds, maxPoints), 86_400);
        return days * 86_400;
    }

    static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
