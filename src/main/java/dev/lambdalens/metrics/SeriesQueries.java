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

    /**
     * The series over [from, to), combined into buckets of {@code stepSeconds} aligned to the epoch with the
     * statistic's own rollup; buckets without data are absent. Like CloudWatch's StartTime, {@code from} is rounded
     * down to the step, so that the first bucket is a whole one rather than a fragment.
     */
    public SeriesData read(SeriesKey key, Instant from, Instant to, long stepSeconds) {
        if (stepSeconds < Steps.NATIVE_SECONDS || stepSeconds % Steps.NATIVE_SECONDS != 0) {
            throw new IllegalArgumentException("Step must be a positive multiple of 60 seconds: " + stepSeconds);
        }
        Optional<Long> seriesId = this.catalog.existingId(key);
        if (seriesId.isEmpty()) {
            return new SeriesData(key, stepSeconds, List.of());
        }
        long start = Math.floorDiv(from.getEpochSecond(), stepSeconds) * stepSeconds;
        long end = to.getEpochSecond();
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
                    .param("series", seriesId.get())
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
                .param("series", seriesId.get())
                .param("from", rawFrom)
                .param("to", end)
                .query((rs) -> {
                    merge(buckets, rs.getLong(1), new Partial(rs.getDouble(2), rs.getLong(3), rs.getDouble(4),
                            rs.getDouble(5)));
                });
        }
        List<Point> points = new ArrayList<>(buckets.size());
        buckets.forEach((t, partial) -> points.add(new Point(t, partial.value(key.statistic()))));
        return new SeriesData(key, stepSeconds, points);
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

        /** The statistic's own rule: Sum adds; Maximum and p99 take the largest; Average is the mean of the minutes. */
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
     * Sums, the maximum of Maximums and p99s, the mean of Averages).
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
     * One figure per account and region over [from, to) of an account-level metric, rolled up as
     * {@link #perFunction(LambdaMetric, Statistic, Instant, Instant)} does; the map's keys have an empty name.
     */
    public Map<FunctionRef, Double> perAccount(LambdaMetric metric, Statistic statistic, Instant from, Instant to) {
        return figures(new SeriesFilter(metric, statistic, true, null, null), from, to);
    }

    private Map<FunctionRef, Double> figures(SeriesFilter filter, Instant from, Instant to) {
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
