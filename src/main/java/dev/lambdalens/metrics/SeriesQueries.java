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
        Map<FunctionRef, Double> figures = new HashMap<>();
        this.jdbc.sql("select s.account_id, s.region, s.function_name, " + statistic.rollupFunction() + "(v.val) "
                + "from metric_series s join metric_sample v on v.series_id = s.id "
                + "where s.metric = :metric and s.statistic = :statistic and s.function_name <> '' "
                + ((account != null) ? "and s.account_id = :account " : "")
                + ((region != null) ? "and s.region = :region " : "")
                + "and v.ts >= :from and v.ts < :to group by s.account_id, s.region, s.function_name")
            .paramSource(parameters(metric, statistic, from, to, account, region))
            .query((rs) -> {
                figures.put(new FunctionRef(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getDouble(4));
            });
        return figures;
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
        Map<FunctionRef, Double> figures = new HashMap<>();
        this.jdbc.sql("select s.account_id, s.region, " + statistic.rollupFunction() + "(v.val) "
                + "from metric_series s join metric_sample v on v.series_id = s.id "
                + "where s.metric = :metric and s.statistic = :statistic and s.function_name = '' "
                + "and v.ts >= :from and v.ts < :to group by s.account_id, s.region")
            .paramSource(parameters(metric, statistic, from, to, null, null))
            .query((rs) -> {
                figures.put(new FunctionRef(rs.getString(1), rs.getString(2), ""), rs.getDouble(3));
            });
        return figures;
    }

    private static Map<String, Object> parameters(LambdaMetric metric, Statistic statistic, Instant from, Instant to,
            @Nullable String account, @Nullable String region) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("metric", metric.metricName());
        parameters.put("statistic", statistic.wireName());
        parameters.put("from", from.getEpochSecond());
        parameters.put("to", to.getEpochSecond());
        if (account != null) {
            parameters.put("account", account);
        }
        if (region != null) {
            parameters.put("region", region);
        }
        return parameters;
    }

    /**
     * One metric and statistic of every function (or, with {@code accountLevel}, of every account and region) over
     * [from, to) at {@code stepSeconds}, in one query: what a rule watching thousands of functions needs.
     */
    public Map<FunctionRef, List<Point>> readAll(LambdaMetric metric, Statistic statistic, boolean accountLevel,
            Instant from, Instant to, long stepSeconds) {
        if (stepSeconds < Steps.NATIVE_SECONDS || stepSeconds % Steps.NATIVE_SECONDS != 0) {
            throw new IllegalArgumentException("Step must be a positive multiple of 60 seconds: " + stepSeconds);
        }
        long start = Math.floorDiv(from.getEpochSecond(), stepSeconds) * stepSeconds;
        long end = to.getEpochSecond();
        String functions = " and s.function_name " + (accountLevel ? "= ''" : "<> ''");
        Map<FunctionRef, Map<Long, Partial>> series = new HashMap<>();
        long rawFrom = start;
        if (stepSeconds % HOUR == 0) {
            long rolledUntil = Math.min(end, this.jdbc.sql("select min(hour_ts) from rollup_pending").query(Long.class)
                .optional()
                .orElse(Long.MAX_VALUE));
            if (rolledUntil > start) {
                String bucket = "(r.hour_ts / " + stepSeconds + ") * " + stepSeconds;
                this.jdbc.sql("select s.account_id, s.region, s.function_name, " + bucket + ", sum(r.val_sum), "
                        + "sum(r.val_count), min(r.val_min), max(r.val_max) from metric_series s join metric_rollup r "
                        + "on r.series_id = s.id where s.metric = :metric and s.statistic = :statistic" + functions
                        + " and r.hour_ts >= :from and r.hour_ts < :to "
                        + "group by s.account_id, s.region, s.function_name, " + bucket)
                    .param("metric", metric.metricName())
                    .param("statistic", statistic.wireName())
                    .param("from", start)
                    .param("to", rolledUntil)
                    .query((rs) -> {
                        collect(series, rs);
                    });
                rawFrom = rolledUntil;
            }
        }
        if (end > rawFrom) {
            String bucket = "(v.ts / " + stepSeconds + ") * " + stepSeconds;
            this.jdbc.sql("select s.account_id, s.region, s.function_name, " + bucket + ", sum(v.val), count(v.val), "
                    + "min(v.val), max(v.val) from metric_series s join metric_sample v on v.series_id = s.id "
                    + "where s.metric = :metric and s.statistic = :statistic" + functions
                    + " and v.ts >= :from and v.ts < :to group by s.account_id, s.region, s.function_name, " + bucket)
                .param("metric", metric.metricName())
                .param("statistic", statistic.wireName())
                .param("from", rawFrom)
                .param("to", end)
                .query((rs) -> {
                    collect(series, rs);
                });
        }
        Map<FunctionRef, List<Point>> points = new HashMap<>();
        series.forEach((ref, buckets) -> {
            List<Point> list = new ArrayList<>(buckets.size());
            new java.util.TreeMap<>(buckets).forEach((t, partial) -> list.add(new Point(t, partial.value(statistic))));
            points.put(ref, list);
        });
        return points;
    }

    private static void collect(Map<FunctionRef, Map<Long, Partial>> series, java.sql.ResultSet rs)
            throws java.sql.SQLException {
        merge(series.computeIfAbsent(new FunctionRef(rs.getString(1), rs.getString(2), rs.getString(3)),
                (k) -> new HashMap<>()), rs.getLong(4), new Partial(rs.getDouble(5), rs.getLong(6), rs.getDouble(7),
                rs.getDouble(8)));
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
