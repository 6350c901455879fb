package dev.lambdalens.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads stored series back: one series over a range at a step, or one figure per function for a table.
 */
@Service
public class SeriesQueries {

    static final long HOUR = 3600;

    private final JdbcClient jdbc;

    private final SeriesCatalog catalog;

    SeriesQueries(JdbcClient jdbc, SeriesCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /** Whether anything was ever stored for this series. */
    public boolean exists(SeriesKey key) {
        return this.catalog.existingId(key).isPresent();
    }

    /** When the series' first stored 1-minute sample is, if it has any (older data may survive as rollups only). */
    public Optional<Instant> firstSampleAt(SeriesKey key) {
        Optional<Long> seriesId = this.catalog.existingId(key);
        if (seriesId.isEmpty()) {
            return Optional.empty();
        }
        return this.jdbc.sql("select min(ts) from metric_sample where series_id = ?")
            .params(seriesId.get())
            .query((rs, row) -> {
                long first = rs.getLong(1);
                return rs.wasNull() ? null : Instant.ofEpochSecond(first);
            })
            .optional();
    }

    /**
     * The series over [from, to), combined into buckets of {@code stepSeconds} aligned to the epoch with the
     * statistic's own rollup; buckets without data are absent. Like CloudWatch's StartTime, {@code from} is rounded
     * down to the step, so that the first bucket is a whole one rather than a fragment.
     */
    public SeriesData read(SeriesKey key, Instant from, Instant to, long stepSeconds) {
        if (stepSeconds < Steps.NATIVE_SECONDS || stepSeconds % Steps.NATIVE_SECONDS != 0) {
            throw new IllegalArgumentException("Step must be a positive multiple of 60 seconds: " + stepSeconds);
        }
        long start = Math.floorDiv(from.getEpochSecond(), stepSeconds) * stepSeconds;
        long end = to.getEpochSecond();
        if (weighted(key.statistic(), stepSeconds)) {
            return new SeriesData(key, stepSeconds, weightedAverage(key, start, end, stepSeconds));
        }
        Optional<Long> seriesId = this.catalog.existingId(key);
        if (seriesId.isEmpty()) {
            return new SeriesData(key, stepSeconds, List.of());
        }
        Map<Long, Partial> buckets = buckets(key, seriesId.get(), start, end, stepSeconds);
        List<Point> points = new ArrayList<>(buckets.size());
        buckets.forEach((t, partial) -> points.add(new Point(t, partial.value(key.statistic()))));
        return new SeriesData(key, stepSeconds, points);
    }

    /**
     * Whether an Average must be weighted: over more than one minute CloudWatch's Average is the sum over the sample
     * count, not the mean of the minutes' averages (a minute of 1 invocation would weigh as much as one of 10,000).
     */
    private static boolean weighted(Statistic statistic, long stepSeconds) {
        return statistic == Statistic.AVERAGE && stepSeconds > Steps.NATIVE_SECONDS;
    }

    /**
     * Duration's Average over steps of more than a minute: the step's Duration Sum over its Invocations Sum. Lambda
     * reports one Duration datapoint per invocation, so Invocations' Sum is Duration's SampleCount (stored once, not
     * as a ninth series per function); both sums roll up exactly, so this holds at any step, from rollups too.
     */
    private List<Point> weightedAverage(SeriesKey key, long start, long end, long stepSeconds) {
        Optional<Long> sums = this.catalog.existingId(sumOf(key));
        Optional<Long> counts = this.catalog.existingId(countOf(key));
        if (sums.isEmpty() || counts.isEmpty()) {
            return List.of();
        }
        Map<Long, Partial> total = buckets(key, sums.get(), start, end, stepSeconds);
        Map<Long, Partial> invocations = buckets(key, counts.get(), start, end, stepSeconds);
        List<Point> points = new ArrayList<>(total.size());
        total.forEach((t, partial) -> {
            Partial count = invocations.get(t);
            if (count != null && count.sum() > 0) {
                points.add(new Point(t, partial.sum() / count.sum()));
            }
        });
        return points;
    }

    /** The Sum series of an Average's metric: the numerator of CloudWatch's Average. */
    static SeriesKey sumOf(SeriesKey average) {
        return new SeriesKey(average.account(), average.region(), average.functionName(), average.metric(),
                Statistic.SUM);
    }

    /** The series whose Sum is the sample count of an Average: Invocations, one Duration datapoint each. */
    static SeriesKey countOf(SeriesKey average) {
        if (average.metric() != LambdaMetric.DURATION) {
            throw new IllegalArgumentException("Only Duration has an Average: " + average);
        }
        return new SeriesKey(average.account(), average.region(), average.functionName(), LambdaMetric.INVOCATIONS,
                Statistic.SUM);
    }

    /** One series' buckets at the step: whole hours from the rollups where the step allows, the rest from minutes. */
    private Map<Long, Partial> buckets(SeriesKey key, long seriesId, long start, long end, long stepSeconds) {
        Map<Long, Partial> buckets = new java.util.TreeMap<>();
        long rawFrom = start;
        if (stepSeconds % HOUR == 0) {
            // whole hours come from the rollups, up to the first hour still waiting for its roll-up
            long rolledUntil = Math.min(end, rolledUntil(key.account(), key.region()));
            if (rolledUntil > start) {
                this.jdbc.sql("select (hour_ts / " + stepSeconds + ") * " + stepSeconds + " as bucket, sum(val_sum), "
                        + "sum(val_count), min(val_min), max(val_max) from metric_rollup where series_id = :series "
                        + "and hour_ts >= :from and hour_ts < :to group by (hour_ts / " + stepSeconds + ") * "
                        + stepSeconds)
                    .param("series", seriesId)
                    .param("from", start)
                    .param("to", rolledUntil)
                    .query((rs) -> {
                        merge(buckets, rs.getLong(1), new Partial(rs.getDouble(2), rs.getLong(3), rs.getDouble(4),
                                rs.getDouble(5)));
                    });
                rawFrom = rolledUntil;
            }
        }
        if (end > rawFrom) {
            // the step is a validated long, inlined so that PostgreSQL sees one grouping expression, not three parameters
            String bucket = "(ts / " + stepSeconds + ") * " + stepSeconds;
            this.jdbc.sql("select " + bucket + " as bucket, sum(val), count(val), min(val), max(val) "
                    + "from metric_sample where series_id = :series and ts >= :from and ts < :to group by " + bucket)
                .param("series", seriesId)
                .param("from", rawFrom)
                .param("to", end)
                .query((rs) -> {
                    merge(buckets, rs.getLong(1), new Partial(rs.getDouble(2), rs.getLong(3), rs.getDouble(4),
                            rs.getDouble(5)));
                });
        }
        return buckets;
    }

    /** The start of the earliest hour of an account and region not rolled up yet (or far in the future). */
    private long rolledUntil(String account, String region) {
        return this.jdbc.sql("select min(hour_ts) from rollup_pending where account_id = ? and region = ?")
            .params(account, region)
            .query(Long.class)
            .optional()
            .orElse(Long.MAX_VALUE);
    }

    private static void merge(Map<Long, Partial> buckets, long bucket, Partial partial) {
        buckets.merge(bucket, partial, Partial::plus);
    }

    /** What one bucket holds before its statistic is applied, from samples, rollups or both. */
    record Partial(double sum, long count, double min, double max) {

        Partial plus(Partial other) {
            return new Partial(this.sum + other.sum, this.count + other.count, Math.min(this.min, other.min),
                    Math.max(this.max, other.max));
        }

        /**
         * The statistic's own rule: Sum adds; Maximum takes the largest, and so does p99 (the highest 1-minute p99,
         * labelled so: percentiles do not add up); Average is the mean of what was combined, which is exact for one
         * minute only: coarser Averages are weighted by their invocations (see {@link #weighted}).
         */
        double value(Statistic statistic) {
            return switch (statistic) {
                case SUM -> this.sum;
                case MAXIMUM, P99 -> this.max;
                case MINIMUM -> this.min;
                case AVERAGE -> this.sum / this.count;
            };
        }
    }

    /**
     * One figure per function over [from, to): the metric's statistic rolled up over the whole range (the sum of
     * Sums, the maximum of Maximums, the highest 1-minute p99, Duration's Sum over the Invocations for an Average).
     */
    public Map<FunctionRef, Double> perFunction(LambdaMetric metric, Statistic statistic, Instant from, Instant to) {
        return perFunction(metric, statistic, from, to, null, null);
    }

    /** As {@link #perFunction(LambdaMetric, Statistic, Instant, Instant)}, for the functions of one account and region. */
    public Map<FunctionRef, Double> perFunction(LambdaMetric metric, Statistic statistic, Instant from, Instant to,
            @Nullable String account, @Nullable String region) {
        return figures(new SeriesFilter(metric, statistic, false, account, region), from, to);
    }

    /** One series rolled up over [from, to) with its statistic's rule; empty when it has no datapoint there. */
    public Optional<Double> figure(SeriesKey key, Instant from, Instant to) {
        if (weighted(key.statistic(), to.getEpochSecond() - from.getEpochSecond())) {
            Optional<Double> sum = figure(sumOf(key), from, to);
            Optional<Double> count = figure(countOf(key), from, to);
            return (sum.isPresent() && count.isPresent() && count.get() > 0) ? Optional.of(sum.get() / count.get())
                    : Optional.empty();
        }
        Optional<Long> seriesId = this.catalog.existingId(key);
        if (seriesId.isEmpty()) {
            return Optional.empty();
        }
        return this.jdbc.sql("select " + key.statistic().rollupFunction() + "(val) from metric_sample "
                + "where series_id = :series and ts >= :from and ts < :to")
            .param("series", seriesId.get())
            .param("from", from.getEpochSecond())
            .param("to", to.getEpochSecond())
            .query((rs, row) -> {
                double value = rs.getDouble(1);
                return rs.wasNull() ? null : value;
            })
            .optional();
    }

    /**
     * Per function, the metric's statistic over [from, split) and over [split, to), from 1-minute samples, in one
     * grouped query whatever the number of functions: what the overview needs to tell a rising signal from a flat
     * one. Series kept per alias, version or mapping are combined into their function's figure. A window without a
     * datapoint is {@code null}.
     */
    public Map<FunctionRef, Halves> perFunctionBeforeAndAfter(LambdaMetric metric, Statistic statistic, Instant from,
            Instant split, Instant to) {
        String aggregate = statistic.rollupFunction();
        if (!aggregate.equals("sum") && !aggregate.equals("max")) {
            throw new IllegalArgumentException("Only Sum and Maximum combine across series: " + statistic);
        }
        Map<FunctionRef, Halves> halves = new HashMap<>();
        this.jdbc.sql("select s.account_id, s.region, s.function_name, "
                + aggregate + "(case when v.ts < :split then v.val end), "
                + aggregate + "(case when v.ts >= :split then v.val end) "
                + "from metric_series s join metric_sample v on v.series_id = s.id "
                + "where s.metric = :metric and s.statistic = :statistic and s.function_name <> '' "
                + "and v.ts >= :from and v.ts < :to group by s.account_id, s.region, s.function_name")
            .param("split", split.getEpochSecond())
            .param("metric", metric.metricName())
            .param("statistic", statistic.wireName())
            .param("from", from.getEpochSecond())
            .param("to", to.getEpochSecond())
            .query((rs) -> {
                String name = rs.getString(3);
                int colon = name.indexOf(':');
                FunctionRef ref = new FunctionRef(rs.getString(1), rs.getString(2),
                        (colon > 0) ? name.substring(0, colon) : name);
                double before = rs.getDouble(4);
                Double b = rs.wasNull() ? null : before;
                double after = rs.getDouble(5);
                Double a = rs.wasNull() ? null : after;
                halves.merge(ref, new Halves(b, a), (x, y) -> x.plus(y, aggregate.equals("sum")));
            });
        return halves;
    }

    /** One function's figure before and after a moment; {@code null} where no datapoint was stored. */
    public record Halves(@Nullable Double before, @Nullable Double after) {

        Halves plus(Halves other, boolean sum) {
            return new Halves(combine(this.before, other.before, sum), combine(this.after, other.after, sum));
        }

        private static @Nullable Double combine(@Nullable Double a, @Nullable Double b, boolean sum) {
            if (a == null || b == null) {
                return (a != null) ? a : b;
            }
            return sum ? a + b : Math.max(a, b);
        }
    }

    /**
     * One figure per account and region over [from, to) of an account-level metric, rolled up as
     * {@link #perFunction(LambdaMetric, Statistic, Instant, Instant)} does; the map's keys have an empty name.
     */
    public Map<FunctionRef, Double> perAccount(LambdaMetric metric, Statistic statistic, Instant from, Instant to) {
        return figures(new SeriesFilter(metric, statistic, true, null, null), from, to);
    }

    private Map<FunctionRef, Double> figures(SeriesFilter filter, Instant from, Instant to) {
        if (weighted(filter.statistic(), to.getEpochSecond() - from.getEpochSecond())) {
            Map<FunctionRef, Double> sums = figures(filter.sums(), from, to);
            Map<FunctionRef, Double> counts = figures(filter.counts(), from, to);
            Map<FunctionRef, Double> averages = new HashMap<>();
            sums.forEach((ref, sum) -> {
                Double count = counts.get(ref);
                if (count != null && count > 0) {
                    averages.put(ref, sum / count);
                }
            });
            return averages;
        }
        Map<Long, FunctionRef> refs = seriesOf(filter);
        if (refs.isEmpty()) {
            return Map.of();
        }
        Map<Long, Partial> totals = new HashMap<>();
        scan(filter, from.getEpochSecond(), to.getEpochSecond(), true,
                (series, ts, partial) -> totals.merge(series, partial, Partial::plus));
        Map<FunctionRef, Double> figures = new HashMap<>();
        totals.forEach((series, total) -> figures.put(refs.get(series), total.value(filter.statistic())));
        return figures;
    }

    /**
     * One metric and statistic of every function (or, with {@code accountLevel}, of every account and region) over
     * [from, to) at {@code stepSeconds}: what a rule watching thousands of functions needs.
     */
    public Map<FunctionRef, List<Point>> readAll(LambdaMetric metric, Statistic statistic, boolean accountLevel,
            Instant from, Instant to, long stepSeconds) {
        if (stepSeconds < Steps.NATIVE_SECONDS || stepSeconds % Steps.NATIVE_SECONDS != 0) {
            throw new IllegalArgumentException("Step must be a positive multiple of 60 seconds: " + stepSeconds);
        }
        SeriesFilter filter = new SeriesFilter(metric, statistic, accountLevel, null, null);
        if (weighted(statistic, stepSeconds)) {
            return weightedAll(filter, from, to, stepSeconds);
        }
        Map<Long, FunctionRef> refs = seriesOf(filter);
        if (refs.isEmpty()) {
            return Map.of();
        }
        long start = Math.floorDiv(from.getEpochSecond(), stepSeconds) * stepSeconds;
        Map<Long, Map<Long, Partial>> buckets = new HashMap<>();
        scan(filter, start, to.getEpochSecond(), stepSeconds % HOUR == 0,
                (series, ts, partial) -> merge(buckets.computeIfAbsent(series, (s) -> new HashMap<>()),
                        Math.floorDiv(ts, stepSeconds) * stepSeconds, partial));
        Map<FunctionRef, List<Point>> points = new HashMap<>();
        buckets.forEach((series, partials) -> {
            List<Point> list = new ArrayList<>(partials.size());
            new java.util.TreeMap<>(partials).forEach((t, partial) -> list.add(new Point(t, partial.value(statistic))));
            points.put(refs.get(series), list);
        });
        return points;
    }

    /** {@link #readAll} of an Average over more than a minute: each step's Sum over its invocations. */
    private Map<FunctionRef, List<Point>> weightedAll(SeriesFilter filter, Instant from, Instant to, long stepSeconds) {
        Map<FunctionRef, List<Point>> sums = readAll(filter.metric(), Statistic.SUM, filter.accountLevel(), from, to,
                stepSeconds);
        Map<FunctionRef, List<Point>> counts = readAll(LambdaMetric.INVOCATIONS, Statistic.SUM, filter.accountLevel(),
                from, to, stepSeconds);
        Map<FunctionRef, List<Point>> averages = new HashMap<>();
        sums.forEach((ref, points) -> {
            Map<Long, Double> invocations = new HashMap<>();
            counts.getOrDefault(ref, List.of()).forEach((p) -> invocations.put(p.epochSecond(), p.value()));
            List<Point> list = new ArrayList<>(points.size());
            for (Point sum : points) {
                Double count = invocations.get(sum.epochSecond());
                if (count != null && count > 0) {
                    list.add(new Point(sum.epochSecond(), sum.value() / count));
                }
            }
            if (!list.isEmpty()) {
                averages.put(ref, list);
            }
        });
        return averages;
    }

    /** The ids of the series a filter selects, with the function (or account and region) each belongs to. */
    private Map<Long, FunctionRef> seriesOf(SeriesFilter filter) {
        Map<Long, FunctionRef> refs = new HashMap<>();
        this.jdbc.sql("select s.id, s.account_id, s.region, s.function_name from metric_series s where "
                + filter.condition())
            .params(filter.parameters())
            .query((rs) -> {
                refs.put(rs.getLong(1), new FunctionRef(rs.getString(2), rs.getString(3), rs.getString(4)));
            });
        return refs;
    }

    /**
     * Hands every stored value of the filtered series in [from, to) to {@code sink}: the whole hours inside the range
     * from their rollups when {@code rollups} allows and they are rolled up, everything else minute by minute. The
     * rows are combined here rather than grouped in SQL: one indexed range read per series and a hash map are several
     * times cheaper on H2 than its GROUP BY over the same rows, and no slower on PostgreSQL.
     */
    private void scan(SeriesFilter filter, long from, long to, boolean rollups, PartialSink sink) {
        if (rollups) {
            long firstHour = Math.floorDiv(from + HOUR - 1, HOUR) * HOUR;
            long lastHour = Math.min(Math.floorDiv(to, HOUR) * HOUR, rolledUntil(filter));
            if (lastHour > firstHour) {
                scanMinutes(filter, from, firstHour, sink);
                this.jdbc.sql("select r.series_id, r.hour_ts, r.val_sum, r.val_count, r.val_min, r.val_max "
                        + "from metric_series s join metric_rollup r on r.series_id = s.id where " + filter.condition()
                        + " and r.hour_ts >= :from and r.hour_ts < :to")
                    .params(filter.parameters())
                    .param("from", firstHour)
                    .param("to", lastHour)
                    .query((rs) -> {
                        sink.accept(rs.getLong(1), rs.getLong(2), new Partial(rs.getDouble(3), rs.getLong(4),
                                rs.getDouble(5), rs.getDouble(6)));
                    });
                scanMinutes(filter, lastHour, to, sink);
                return;
            }
        }
        scanMinutes(filter, from, to, sink);
    }

    private void scanMinutes(SeriesFilter filter, long from, long to, PartialSink sink) {
        if (to <= from) {
            return;
        }
        this.jdbc.sql("select v.series_id, v.ts, v.val from metric_series s join metric_sample v on v.series_id = s.id "
                + "where " + filter.condition() + " and v.ts >= :from and v.ts < :to")
            .params(filter.parameters())
            .param("from", from)
            .param("to", to)
            .query((rs) -> {
                double value = rs.getDouble(3);
                sink.accept(rs.getLong(1), rs.getLong(2), new Partial(value, 1, value, value));
            });
    }

    /** The start of the earliest hour not rolled up yet, of the filter's region or of any (or far in the future). */
    private long rolledUntil(SeriesFilter filter) {
        if (filter.account() != null && filter.region() != null) {
            return rolledUntil(filter.account(), filter.region());
        }
        return this.jdbc.sql("select min(hour_ts) from rollup_pending")
            .query(Long.class)
            .optional()
            .orElse(Long.MAX_VALUE);
    }

    /** Receives stored values one by one: a minute's value, or an hour's rollup. */
    @FunctionalInterface
    private interface PartialSink {

        void accept(long series, long epochSecond, Partial partial);
    }

    /** Which series a query reads: one metric and statistic, of functions or account-level, optionally narrowed. */
    private record SeriesFilter(LambdaMetric metric, Statistic statistic, boolean accountLevel,
            @Nullable String account, @Nullable String region) {

        /** The same series' Sums: the numerators of a weighted Average. */
        SeriesFilter sums() {
            return new SeriesFilter(this.metric, Statistic.SUM, this.accountLevel, this.account, this.region);
        }

        /** Invocations' Sums: the sample counts of Duration's Average. */
        SeriesFilter counts() {
            return new SeriesFilter(LambdaMetric.INVOCATIONS, Statistic.SUM, this.accountLevel, this.account,
                    this.region);
        }

        String condition() {
            return "s.metric = :metric and s.statistic = :statistic and s.function_name "
                    + (this.accountLevel ? "= ''" : "<> ''") + ((this.account != null) ? " and s.account_id = :account" : "")
                    + ((this.region != null) ? " and s.region = :region" : "");
        }

        Map<String, Object> parameters() {
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("metric", this.metric.metricName());
            parameters.put("statistic", this.statistic.wireName());
            if (this.account != null) {
                parameters.put("account", this.account);
            }
            if (this.region != null) {
                parameters.put("region", this.region);
            }
            return parameters;
        }
    }

    /** The accounts that have stored this metric for the function (or account level) in the region. */
    public List<String> accountsWith(String region, String functionName, LambdaMetric metric) {
        return new ArrayList<>(this.jdbc
            .sql("select distinct account_id from metric_series where region = ? and function_name = ? and metric = ? "
                    + "order by account_id")
            .params(region, functionName, metric.metricName())
            .query(String.class)
            .list());
    }

    /** The number of samples stored, all series together. */
    public long sampleCount() {
        return this.jdbc.sql("select count(*) from metric_sample").query(Long.class).single();
    }
}
