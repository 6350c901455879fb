package dev.lambdalens.collector.source.demo;

import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * Computes a simulated function's final figures for a minute: a pure function of (function, minute), so that a
 * re-fetch of any settled window returns exactly what was returned before.
 */
final class FunctionSimulation {

    private FunctionSimulation() {
    }

    /** The minute's figures, or {@code null} when the function was not invoked (CloudWatch then has no datapoint). */
    static @Nullable FunctionMinute minute(DemoFunction configured, long minuteEpoch) {
        DemoFunction function = DemoDeployments.asOf(configured, minuteEpoch);
        SplittableRandom random = new SplittableRandom(seed(function, minuteEpoch));
        long attempts = Math.round(function.traffic().demand(minuteEpoch) * (0.85 + 0.3 * random.nextDouble()));
        if (attempts <= 0) {
            return null;
        }
        double timeoutMs = function.timeoutSeconds() * 1000.0;
        double average = Math.min(function.meanDurationMs() * (0.85 + 0.3 * random.nextDouble()), timeoutMs);
        double p99 = Math.min(average * function.p99Factor(), timeoutMs);
        double maximum = Math.min(p99 * (1.02 + 0.25 * random.nextDouble()), timeoutMs);
        // Little's law, with sub-minute peaks above the average level
        double peakiness = 1.5 + random.nextDouble();
        long wanted = Math.max(1, (long) Math.ceil(attempts / 60.0 * average / 1000.0 * peakiness));
        long concurrency = Math.min(wanted, attempts);
        long throttles = 0;
        Integer reserved = function.reservedConcurrency();
        if (reserved != null && wanted > reserved) {
            concurrency = Math.min(reserved, attempts);
            throttles = Math.round(attempts * (1 - (double) reserved / wanted));
        }
        long invocations = attempts - throttles;
        double errorRate = function.incidents().errorRateAt(minuteEpoch, function.errorRate());
        long errors = Math.min(invocations, Math.round(invocations * errorRate * (0.5 + random.nextDouble())));
        if (maximum >= timeoutMs) {
            errors = Math.min(invocations, errors + 1 + random.nextInt(2)); // timed-out invocations are errors
        }
        double share = DemoAccount.usedMemoryShare(function);
        double used = (share > 0) ? Math.min(function.memoryMb(),
                Math.round(function.memoryMb() * share * (0.95 + 0.1 * random.nextDouble()))) : 0;
        return new FunctionMinute(invocations, errors, throttles, average, maximum, p99, average * invocations,
                concurrency, used, (share > 0) ? Math.round(used * 10000.0 / function.memoryMb()) / 100.0 : 0);
    }

    private static long seed(DemoFunction function, long minuteEpoch) {
        long h = 1125899906842597L;
        for (char c : (function.region() + '/' + function.name()).toCharArray()) {
            h = 31 * h + c;
        }
        return h ^ (minuteEpoch * 0x9E3779B97F4A7C15L);
    }
}
