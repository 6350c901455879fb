package dev.lambdalens.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.lambdalens.metrics.FunctionRef;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SampleChanges;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The stored values each rule reads, kept between evaluation passes. A pass reads from the store only the periods
 * past what was kept and, where the journal of sample writes ({@link SampleChanges}) names a write since, the periods
 * from that write's earliest timestamp on: a pass that judges one new minute reads about one minute per target, not
 * the rule's whole evaluation range, and a late datapoint, a backfill or a redelivery written by any instance is read
 * again before it is judged. Periods are the rule's, so a value depends on that period's samples alone.
 */
@Component
class StoredColumns {

    /** How far back each pass reads the journal. */
    private static final Duration LOOKBACK = Duration.ofMinutes(30);

    /**
     * A block not brought up to date for this long is read again whole: a write that committed more than
     * {@code LOOKBACK - STALE} after noting itself in the journal would otherwise be missed.
     */
    private static final Duration STALE = Duration.ofMinutes(10);

    private final SeriesQueries queries;

    private final SampleChanges changes;

    private final Clock clock;

    private final Map<Key, Block> blocks = new ConcurrentHashMap<>();

    private volatile @Nullable Pass pass;

    StoredColumns(SeriesQueries queries, SampleChanges changes, Clock clock) {
        this.queries = queries;
        this.changes = changes;
        this.clock = clock;
    }

    /** Reads the journal once for the pass about to start; keeps only the blocks of {@code rules}. */
    void beginPass(Set<Long> rules) {
        Instant now = this.clock.instant();
        List<SampleChanges.Change> recent = this.changes.since(now.minus(LOOKBACK));
        Set<Long> ids = new HashSet<>(recent.size() * 2);
        recent.forEach((change) -> ids.add(change.id()));
        this.pass = new Pass(now, recent, ids);
        this.blocks.keySet().removeIf((key) -> !rules.contains(key.rule()));
    }

    /** Forgets what is kept for a rule (disabled, deleted, or its pass rolled back). */
    void forget(long rule) {
        this.blocks.keySet().removeIf((key) -> key.rule() == rule);
    }

    /**
     * The values of the series over [start, end) in periods of {@code step} seconds, by function: one array per
     * function, NaN where a period has no value. Kept for the rule's next pass when {@code rule} is given.
     */
    Map<FunctionRef, double[]> read(@Nullable Long rule, LambdaMetric metric, Statistic statistic,
            boolean accountLevel, long start, long end, long step) {
        Pass current = this.pass;
        if (rule == null || current == null) {
            return arrays(read(metric, statistic, accountLevel, start, end, step), start, end, step);
        }
        Key key = new Key(rule, metric, statistic, accountLevel);
        Block kept = this.blocks.get(key);
        boolean usable = kept != null && kept.step == step && kept.start <= start && start < kept.end
                && Duration.between(kept.synced, current.at).compareTo(STALE) < 0;
        Block block;
        if (!usable) {
            block = new Block(step, start, end, current.at, current.ids,
                    arrays(read(metric, statistic, accountLevel, start, end, step), start, end, step));
        }
        else {
            block = refreshed(kept, key, current, start, end);
        }
        this.blocks.put(key, block);
        return block.values;
    }

    private Block refreshed(Block kept, Key key, Pass current, long start, long end) {
        long step = kept.step;
        long from = kept.end;
        for (SampleChanges.Change change : current.changes) {
            if (!kept.applied.contains(change.id())) {
                from = Math.min(from, Math.floorDiv(change.fromEpochSecond(), step) * step);
            }
        }
        from = Math.max(from, start);
        Map<FunctionRef, List<Point>> fresh = (from < end)
                ? read(key.metric(), key.statistic(), key.accountLevel(), from, end, step) : Map.of();
        int periods = (int) ((end - start) / step);
        int keptUpTo = (int) ((Math.min(from, kept.end) - start) / step); // periods [0, keptUpTo) come from the block
        int offset = (int) ((start - kept.start) / step);
        Map<FunctionRef, double[]> values = new HashMap<>(Math.max(16, kept.values.size() * 4 / 3));
        kept.values.forEach((ref, old) -> {
            double[] column = empty(periods);
            System.arraycopy(old, offset, column, 0, Math.max(0, Math.min(Math.min(keptUpTo, periods), old.length - offset)));
            values.put(ref, column);
        });
        fresh.forEach((ref, points) -> {
            double[] column = values.computeIfAbsent(ref, (r) -> empty(periods));
            place(points, column, start, step);
        });
        return new Block(step, start, end, current.at, current.ids, values);
    }

    private Map<FunctionRef, List<Point>> read(LambdaMetric metric, Statistic statistic, boolean accountLevel,
            long start, long end, long step) {
        return this.queries.readAll(metric, statistic, accountLevel, Instant.ofEpochSecond(start),
                Instant.ofEpochSecond(end), step);
    }

    private static Map<FunctionRef, double[]> arrays(Map<FunctionRef, List<Point>> series, long start, long end,
            long step) {
        int periods = (int) ((end - start) / step);
        Map<FunctionRef, double[]> values = new HashMap<>(Math.max(16, series.size() * 4 / 3));
        series.forEach((ref, points) -> {
            double[] column = empty(periods);
            place(points, column, start, step);
            values.put(ref, column);
        });
        return values;
    }

    private static void place(List<Point> points, double[] column, long start, long step) {
        for (Point point : points) {
            long index = Math.floorDiv(point.epochSecond() - start, step);
            if (index >= 0 && index < column.length) {
                column[(int) index] = point.value();
            }
        }
    }

    private static double[] empty(int periods) {
        double[] column = new double[periods];
        Arrays.fill(column, Double.NaN);
        return column;
    }

    private record Key(long rule, LambdaMetric metric, Statistic statistic, boolean accountLevel) {
    }

    /** The journal as one pass sees it: the entries of the last {@code LOOKBACK}, and their ids. */
    private record Pass(Instant at, List<SampleChanges.Change> changes, Set<Long> ids) {
    }

    /**
     * What was read for one rule's series over [start, end), and the journal entries it reflects: entries read
     * before the values were (an entry committed later shows in a later pass, and is read again then).
     */
    private record Block(long step, long start, long end, Instant synced, Set<Long> applied,
            Map<FunctionRef, double[]> values) {
    }
}
