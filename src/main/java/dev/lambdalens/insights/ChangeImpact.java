package dev.lambdalens.insights;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.lambdalens.cost.RegionPrices;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.FunctionChange;
import dev.lambdalens.metrics.Point;
import org.jspecify.annotations.Nullable;

/**
 * A function before and after its last change, over windows of the same length on each side, from the stored
 * 1-minute samples: so a memory change reads as "p99 -38%, cost per invocation +12%", measured from production
 * traffic. Duration's p50 is not collected (one more metric per function on the CloudWatch bill): the exact,
 * invocation-weighted Average stands in for it, and says so.
 */
public record ChangeImpact(FunctionChange change, Side before, Side after) {

    /**
     * One window's figures.
     *
     * @param averageMs Duration's Sum over the Invocations: the exact average, however the invocations spread over
     *     the minutes ({@code null}: no invocations)
     * @param highestP99Ms the highest 1-minute p99 of the window (percentiles of minutes cannot be combined into the
     *     window's)
     * @param costPerInvocation USD at list price for the configuration of the window and its average duration
     */
    public record Side(Instant from, Instant to, double invocations, double errors, double throttles,
            @Nullable Double averageMs, @Nullable Double highestP99Ms, @Nullable Double costPerInvocation,
            int memoryMb, Architecture architecture) {

        /** Errors as a share of the invocations. */
        public @Nullable Double errorRate() {
            return (this.invocations > 0) ? this.errors / this.invocations : null;
        }

        /** Throttles as a share of what was asked for (invocations and throttles). */
        public @Nullable Double throttleRate() {
            double asked = this.invocations + this.throttles;
            return (asked > 0) ? this.throttles / asked : null;
        }
    }

    /** The configuration a window ran with. */
    record Configuration(int memoryMb, Architecture architecture, int ephemeralStorageMb) {
    }

    /**
     * Adds up one window [from, to) of 1-minute samples (points outside it are left out).
     * @param durationSums Duration's Sum per minute, in ms
     * @param p99s Duration's p99 per minute, in ms
     */
    static Side side(Instant from, Instant to, List<Point> invocations, List<Point> errors, List<Point> throttles,
            List<Point> durationSums, List<Point> p99s, Configuration configuration, RegionPrices prices) {
        double calls = sum(invocations, from, to);
        Double average = (calls > 0) ? sum(durationSums, from, to) / calls : null;
        Double p99 = p99s.stream()
            .filter((p) -> inside(p, from, to))
            .map(Point::value)
            .max(Double::compare)
            .orElse(null);
        Double cost = (average != null) ? prices.listPricePerInvocation(configuration.architecture(),
                configuration.memoryMb(), configuration.ephemeralStorageMb(), average) : null;
        return new Side(from, to, calls, sum(errors, from, to), sum(throttles, from, to), average, p99, cost,
                configuration.memoryMb(), configuration.architecture());
    }

    private static double sum(List<Point> points, Instant from, Instant to) {
        return points.stream().filter((p) -> inside(p, from, to)).mapToDouble(Point::value).sum();
    }

    private static boolean inside(Point point, Instant from, Instant to) {
        return point.epochSecond() >= from.getEpochSecond() && point.epochSecond() < to.getEpochSecond();
    }

    /** How long each window is. */
    public Duration window() {
        return Duration.between(this.after.from(), this.after.to());
    }

    public @Nullable Double averageChange() {
        return relative(this.before.averageMs(), this.after.averageMs());
    }

    public @Nullable Double p99Change() {
        return relative(this.before.highestP99Ms(), this.after.highestP99Ms());
    }

    public @Nullable Double errorRateChange() {
        return relative(this.before.errorRate(), this.after.errorRate());
    }

    public @Nullable Double throttlesChange() {
        return relative(this.before.throttles(), this.after.throttles());
    }

    public @Nullable Double costPerInvocationChange() {
        return relative(this.before.costPerInvocation(), this.after.costPerInvocation());
    }

    /** The change in a sentence: {@code p99 -38%, cost per invocation +12%}. */
    public String headline() {
        return "p99 " + percent(p99Change()) + ", cost per invocation " + percent(costPerInvocationChange());
    }

    /** After against before as a share of before; {@code null} when before is zero or unknown. */
    public static @Nullable Double relative(@Nullable Double before, @Nullable Double after) {
        if (before == null || after == null || before == 0) {
            return null;
        }
        return (after - before) / before;
    }

    /** A relative change in words: {@code +12%}, {@code -38%}, {@code ±0%}; {@code n/a} when it has no meaning. */
    public static String percent(@Nullable Double change) {
        if (change == null) {
            return "n/a";
        }
        long rounded = Math.round(change * 100);
        return (rounded == 0) ? "±0%" : String.format(Locale.ROOT, "%+d%%", rounded);
    }
}
