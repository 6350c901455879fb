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
        String aggregate = key.statistic().rollupFunction();
        // the step is a validated long, inlined so that PostgreSQL sees one grouping expression, not three parameters
        String bucket = "(ts / " + stepSeconds + ") * " + stepSeconds;
        List<Point> points = this.jdbc.sql("select " + bucket + " as bucket, " + aggregate + "(val) as v "
                + "from metric_sample where series_id = :series and ts >= :from and ts < :to "
                + "group by " + bucket + " order by bucket")
            .param("series", seriesId.get())
            .param("from", Math.floorDiv(from.getEpochSecond(), stepSeconds) * stepSeconds)
            .param("to", to.getEpochSecond())
            .query((rs, row) -> new Point(rs.getLong(1), rs.getDouble(2)))
            .list();
        return new SeriesData(key, stepSeconds, points);
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
        String bucket = "(v.ts / " + stepSeconds + ") * " + stepSeconds;
        Map<FunctionRef, List<Point>> series = new HashMap<>();
        this.jdbc.sql("select s.account_id, s.region, s.function_name, " + bucket + " as bucket, "
                + statistic.rollupFunction() + "(v.val) from metric_series s join metric_sample v on v.series_id = s.id "
                + "where s.metric = :metric and s.statistic = :statistic and s.function_name "
                + (accountLevel ? "= ''" : "<> ''") + " and v.ts >= :from and v.ts < :to "
                + "group by s.account_id, s.region, s.function_name, " + bucket + " order by bucket")
            .param("metric", metric.metricName())
            .param("statistic", statistic.wireName())
            .param("from", Math.floorDiv(from.getEpochSecond(), stepSeconds) * stepSeconds)
            .param("to", to.getEpochSecond())
            .query((rs) -> {
                series.computeIfAbsent(new FunctionRef(rs.getString(1), rs.getString(2), rs.getString(3)),
                        (k) -> new ArrayList<>())
                    .add(new Point(rs.getLong(4), rs.getDouble(5)));
            });
        return series;
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
