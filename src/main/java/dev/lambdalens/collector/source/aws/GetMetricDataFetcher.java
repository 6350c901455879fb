package dev.lambdalens.collector.source.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * Fetches 1-minute datapoints with CloudWatch GetMetricData: one query per series, identified by an id of ours and
 * matched back by it whatever order the results come in; NextToken pages followed (PartialData means "more on the
 * next page"); queries answered with InternalError asked again, alone; calls rate-limited below the quota.
 */
final class GetMetricDataFetcher {

    static final int PERIOD_SECONDS = 60;

    static final int INTERNAL_ERROR_RETRIES = 3;

    private final AwsClients clients;

    private final MeterRegistry registry;

    private final double callsPerSecond;

    private final CallRates rates;

    GetMetricDataFetcher(AwsClients clients, MeterRegistry registry, CallRates rates, double callsPerSecond) {
        this.clients = clients;
        this.rates = rates;
        this.registry = registry;
        this.callsPerSecond = callsPerSecond;
    }

    Map<SeriesKey, List<Point>> fetch(AwsAccount account, String region, List<SeriesKey> series, Instant start,
            Instant end) {
        Map<String, SeriesKey> byId = new LinkedHashMap<>();
        for (int i = 0; i < series.size(); i++) {
            byId.put("m" + i, series.get(i));
        }
        Map<String, TreeMap<Long, Double>> collected = new HashMap<>();
        Map<String, SeriesKey> pending = byId;
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round > INTERNAL_ERROR_RETRIES) {
                throw new CloudWatchAnswerException("GetMetricData kept answering InternalError for "
                        + pending.values() + " after " + INTERNAL_ERROR_RETRIES + " retries");
            }
            pending = fetchRound(account, region, pending, start, end, collected);
        }
        Map<SeriesKey, List<Point>> result = new LinkedHashMap<>();
        byId.forEach((id, key) -> {
            List<Point> points = new ArrayList<>();
            collected.getOrDefault(id, new TreeMap<>()).forEach((t, v) -> points.add(new Point(t, v)));
            result.put(key, points);
        });
        return result;
    }

    /** One request and its pages; returns the queries to ask again because they failed with InternalError. */
    private Map<String, SeriesKey> fetchRound(AwsAccount account, String region, Map<String, SeriesKey> queries,
            Instant start, Instant end, Map<String, TreeMap<Long, Double>> collected) {
        CloudWatchClient cloudWatch = this.clients.cloudWatch(account, region);
        List<MetricDataQuery> request = queries.entrySet().stream().map((e) -> query(e.getKey(), e.getValue())).toList();
        Map<String, SeriesKey> retry = new LinkedHashMap<>();
        Map<String, StatusCode> lastStatus = new HashMap<>();
        String token = null;
        do {
            this.rates.acquire("GetMetricData", account.id(), region, this.callsPerSecond);
            String pageToken = token;
            GetMetricDataResponse response = cloudWatch.getMetricData((r) -> r.metricDataQueries(request)
                .startTime(start)
                .endTime(end)
                .nextToken(pageToken));
            requested(account, region, request.size());
            for (MetricDataResult result : response.metricDataResults()) {
                String id = result.id();
                if (!queries.containsKey(id)) {
                    throw new CloudWatchAnswerException("GetMetricData answered for query id '" + id
                            + "', which was not asked for");
                }
                lastStatus.put(id, result.statusCode());
                if (result.statusCode() == StatusCode.INTERNAL_ERROR) {
                    retry.put(id, queries.get(id));
                    continue;
                }
                if (result.statusCode() == StatusCode.FORBIDDEN) {
                    throw new CloudWatchAnswerException("GetMetricData refused " + queries.get(id) + ": "
                            + result.messages());
                }
                addPoints(id, result, start, end, collected.computeIfAbsent(id, (k) -> new TreeMap<>()));
            }
            token = response.nextToken();
        }
        while (token != null);
        lastStatus.forEach((id, status) -> {
            if (status == StatusCode.PARTIAL_DATA && !retry.containsKey(id)) {
                throw new CloudWatchAnswerException("GetMetricData left " + queries.get(id)
                        + " at PartialData with no NextToken to follow");
            }
        });
        retry.keySet().forEach(collected::remove);
        return retry;
    }

    private static void addPoints(String id, MetricDataResult result, Instant start, Instant end,
            TreeMap<Long, Double> points) {
        List<Instant> timestamps = result.timestamps();
        List<Double> values = result.values();
        if (timestamps.size() != values.size()) {
            throw new CloudWatchAnswerException("GetMetricData answered query " + id + " with " + timestamps.size()
                    + " timestamps but " + values.size() + " values");
        }
        for (int i = 0; i < timestamps.size(); i++) {
            Instant t = timestamps.get(i);
            if (t.isBefore(start) || !t.isBefore(end) || t.getEpochSecond() % PERIOD_SECONDS != 0 || t.getNano() != 0) {
                throw new CloudWatchAnswerException("GetMetricData answered query " + id + " with a datapoint at " + t
                        + ", not a minute of " + start + " .. " + end);
            }
            Double value = values.get(i);
            if (value == null || !Double.isFinite(value)) {
                throw new CloudWatchAnswerException("GetMetricData answered query " + id + " with value " + value
                        + " at " + t);
            }
            points.put(t.getEpochSecond(), value);
        }
    }

    private static MetricDataQuery query(String id, SeriesKey key) {
        List<Dimension> dimensions = key.metric()
            .dimensions(key.functionName())
            .entrySet()
            .stream()
            .map((d) -> Dimension.builder().name(d.getKey()).value(d.getValue()).build())
            .toList();
        return MetricDataQuery.builder()
            .id(id)
            .returnData(true)
            .metricStat((stat) -> stat.metric((metric) -> metric.namespace(key.metric().namespace())
                .metricName(key.metric().cloudWatchName())
                .dimensions(dimensions)).period(PERIOD_SECONDS).stat(key.statistic().wireName()))
            .build();
    }

    private void requested(AwsAccount account, String region, int metrics) {
        Counter.builder("lambdalens.aws.cloudwatch.metrics.requested")
            .description("Metrics requested from GetMetricData: CloudWatch bills $0.01 per 1,000")
            .tag("account", account.id())
            .tag("region", region)
            .register(this.registry)
            .increment(metrics);
    }
}
