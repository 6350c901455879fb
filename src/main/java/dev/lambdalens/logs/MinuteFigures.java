package dev.lambdalens.logs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import org.jspecify.annotations.Nullable;

/**
 * One function's minute as its logs tell it, and the samples it writes to the metrics store. A figure with nothing
 * behind it (no cold start, so no init duration) is absent, never zero, except counts, which are zero where
 * reports were read. Errors are unknown (null) where only REPORT lines were read (Logs Insights).
 */
record MinuteFigures(long minute, long invocations, long coldStarts, double initSum, @Nullable Double initMax,
        @Nullable Double initP99, double restoreSum, @Nullable Double restoreMax, @Nullable Double maxMemoryMb,
        @Nullable Double maxMemoryShare, double billedMs, double billedGbSeconds, long timeouts, long outOfMemory,
        @Nullable Long errors) {

    /**
     * The figures of one minute's reports, with the timeouts and out-of-memory kills its error lines add (by request
     * id, so that an invocation both reported as timed out and logged as such counts once).
     */
    static MinuteFigures of(long minute, Collection<LogLine.Report> reports, Set<String> timeoutLines,
            Set<String> oomLines, long errors) {
        Set<String> timedOut = new HashSet<>(timeoutLines);
        Set<String> killed = new HashSet<>(oomLines);
        long cold = 0;
        double initSum = 0;
        List<Double> inits = new ArrayList<>();
        double restoreSum = 0;
        Double restoreMax = null;
        Double memory = null;
        Double share = null;
        double billed = 0;
        double gbSeconds = 0;
        for (LogLine.Report r : reports) {
            if (r.initMs() != null) {
                cold++;
                initSum += r.initMs();
                inits.add(r.initMs());
            }
            if (r.restoreMs() != null) {
                restoreSum += r.restoreMs();
                restoreMax = (restoreMax == null) ? r.restoreMs() : Math.max(restoreMax, r.restoreMs());
            }
            memory = (memory == null) ? r.maxMemoryMb() : Math.max(memory, r.maxMemoryMb());
            if (r.memoryMb() > 0) {
                double s = 100.0 * r.maxMemoryMb() / r.memoryMb();
                share = (share == null) ? s : Math.max(share, s);
            }
            billed += r.billedMs();
            gbSeconds += r.billedMs() / 1000.0 * r.memoryMb() / 1024.0;
            if (r.timeout()) {
                timedOut.add(r.requestId());
            }
            if (r.outOfMemory()) {
                killed.add(r.requestId());
            }
        }
        inits.sort(null);
        Double max = inits.isEmpty() ? null : inits.get(inits.size() - 1);
        return new MinuteFigures(minute, reports.size(), cold, initSum, max, percentile(inits, 99), restoreSum,
                restoreMax, memory, share, billed, gbSeconds, timedOut.size(), killed.size(), errors);
    }

    /** The nearest-rank percentile, as CloudWatch computes pNN over the values of a period. */
    static @Nullable Double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** The samples of this minute, for the function given. */
    Map<SeriesKey, Double> samples(String account, String region, String function) {
        Map<SeriesKey, Double> samples = new LinkedHashMap<>();
        if (this.invocations > 0) {
            put(samples, account, region, function, LambdaMetric.REPORTED_INVOCATIONS, Statistic.SUM, this.invocations);
            put(samples, account, region, function, LambdaMetric.COLD_STARTS, Statistic.SUM, this.coldStarts);
            put(samples, account, region, function, LambdaMetric.BILLED_DURATION, Statistic.SUM, this.billedMs);
            put(samples, account, region, function, LambdaMetric.BILLED_GB_SECONDS, Statistic.SUM,
                    this.billedGbSeconds);
            put(samples, account, region, function, LambdaMetric.MAX_MEMORY_USED, Statistic.MAXIMUM, this.maxMemoryMb);
            put(samples, account, region, function, LambdaMetric.MEMORY_USED_SHARE, Statistic.MAXIMUM,
                    this.maxMemoryShare);
        }
        if (this.coldStarts > 0) {
            put(samples, account, region, function, LambdaMetric.INIT_DURATION, Statistic.SUM, this.initSum);
            put(samples, account, region, function, LambdaMetric.INIT_DURATION, Statistic.MAXIMUM, this.initMax);
            put(samples, account, region, function, LambdaMetric.INIT_DURATION, Statistic.P99, this.initP99);
        }
        if (this.restoreMax != null) {
            put(samples, account, region, function, LambdaMetric.RESTORE_DURATION, Statistic.SUM, this.restoreSum);
            put(samples, account, region, function, LambdaMetric.RESTORE_DURATION, Statistic.MAXIMUM, this.restoreMax);
        }
        put(samples, account, region, function, LambdaMetric.TIMEOUTS, Statistic.SUM, this.timeouts);
        put(samples, account, region, function, LambdaMetric.OUT_OF_MEMORY_KILLS, Statistic.SUM, this.outOfMemory);
        put(samples, account, region, function, LambdaMetric.LOGGED_ERRORS, Statistic.SUM, this.errors);
        return samples;
    }

    private static void put(Map<SeriesKey, Double> samples, String account, String region, String function,
            LambdaMetric metric, Statistic statistic, @Nullable Number value) {
        if (value != null) {
            samples.put(SeriesKey.ofFunction(account, region, function, metric, statistic), value.doubleValue());
        }
    }

    /** Adds a set of minutes' samples into the shape the store writes. */
    static void addTo(Map<SeriesKey, List<Point>> out, long minute, Map<SeriesKey, Double> samples) {
        samples.forEach((key, value) -> out.computeIfAbsent(key, (k) -> new ArrayList<>()).add(new Point(minute, value)));
    }
}
