package dev.lambdalens.collector.source.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.lambdalens.collector.source.Discovery;
import dev.lambdalens.collector.source.MetricSource;
import dev.lambdalens.collector.source.SourceLimits;
import dev.lambdalens.collector.source.SourceRegion;
import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import org.jspecify.annotations.Nullable;

/**
 * The demo account behind the {@link MetricSource} port. A settled minute is a pure function of (function, metric,
 * minute); a minute younger than {@link #SETTLE} is reported only in part, the way late datapoints reach
 * CloudWatch, so only a collector that re-fetches its trailing window ends up with the final numbers.
 */
public class DemoMetricSource implements MetricSource {

    /** How long after its end a minute keeps growing. */
    public static final Duration SETTLE = Duration.ofMinutes(3);

    private final Clock clock;

    public DemoMetricSource(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<SourceRegion> regions() {
        return DemoAccount.FUNCTIONS.stream()
            .map(DemoFunction::region)
            .distinct()
            .map((region) -> new SourceRegion(DemoAccount.ACCOUNT_ID, region))
            .toList();
    }

    @Override
    public SourceLimits limits() {
        return SourceLimits.GET_METRIC_DATA;
    }

    @Override
    public Discovery discover(SourceRegion region) {
        List<DemoFunction> functions = functionsOf(region);
        List<DiscoveredFunction> discovered = functions.stream()
            .map((function) -> new DiscoveredFunction(region.account(), function.region(), function.name(),
                    "arn:aws:lambda:" + function.region() + ":" + region.account() + ":function:" + function.name(),
                    function.runtime(), function.architecture(), function.memoryMb(), function.timeoutSeconds(),
                    function.reservedConcurrency(), function.codeSizeBytes(), function.tags(), 0, 0, null,
                    DemoAccount.ephemeralStorageMb(function), null, DemoAccount.lambdaInsights(function))
                .withSetup(DemoTriggers.setupOf(function)))
            .map((function) -> DemoDeployments.discovered(function, this.clock.instant()))
            .toList();
        int limit = DemoAccount.CONCURRENCY_LIMITS.get(region.region());
        int reserved = functions.stream()
            .map(DemoFunction::reservedConcurrency)
            .filter((r) -> r != null)
            .mapToInt(Integer::intValue)
            .sum();
        return new Discovery(discovered,
                new AccountLimits(region.account(), region.region(), limit, limit - reserved, this.clock.instant()),
                Map.of(), DemoTriggers.mappingsIn(region.region()));
    }

    @Override
    public Map<SeriesKey, List<Point>> fetch(SourceRegion region, List<SeriesKey> series, Instant start, Instant end) {
        List<DemoFunction> functions = functionsOf(region);
        Map<String, DemoFunction> byName = functions.stream()
            .collect(Collectors.toMap(DemoFunction::name, Function.identity()));
        if (series.size() > limits().maxQueriesPerCall()) {
            throw new IllegalArgumentException("At most " + limits().maxQueriesPerCall() + " series per call");
        }
        Map<SeriesKey, List<Point>> result = new LinkedHashMap<>();
        series.forEach((key) -> {
            if (!key.account().equals(region.account()) || !key.region().equals(region.region())) {
                throw new IllegalArgumentException("Series " + key + " is not in " + region);
            }
            if (key.function() != null && !byName.containsKey(key.function())) {
                throw new IllegalArgumentException("No demo function " + key.function() + " in " + region);
            }
            result.put(key, new ArrayList<>());
        });
        Instant now = this.clock.instant();
        boolean accountLevel = series.stream().anyMatch(SeriesKey::accountLevel);
        for (long minute = start.getEpochSecond(); minute < end.getEpochSecond(); minute += 60) {
            double fraction = settledFraction(now, minute);
            if (fraction <= 0) {
                continue;
            }
            Map<String, FunctionMinute> figures = new HashMap<>();
            List<@Nullable FunctionMinute> all = new ArrayList<>();
            for (DemoFunction function : functions) {
                FunctionMinute figure = FunctionSimulation.minute(function, minute);
                if (figure != null && fraction < 1) {
                    figure = figure.partial(fraction);
                }
                all.add(figure);
                if (figure != null && figure.invocations() + figure.throttles() > 0) {
                    figures.put(function.name(), figure);
                }
            }
            AccountMinute account = accountLevel ? AccountMinute.of(functions, all) : null;
            for (Map.Entry<SeriesKey, List<Point>> entry : result.entrySet()) {
                SeriesKey key = entry.getKey();
                FunctionMinute figure = (key.function() != null) ? figures.get(key.function()) : null;
                Double value = !TriggerSimulation.simulates(key) ? DemoValues.valueOf(key, figures, account)
                        : (figure != null) ? TriggerSimulation.valueOf(key, byName.get(key.function()), figure, minute)
                        : null;
                if (value != null) {
                    entry.getValue().add(new Point(minute, value));
                }
            }
        }
        return result;
    }

    /** How much of a minute CloudWatch holds at {@code now}: 0 before it ends, 1 once settled. */
    static double settledFraction(Instant now, long minuteEpoch) {
        long sinceEnd = now.getEpochSecond() - (minuteEpoch + 60);
        if (sinceEnd < 0) {
            return 0;
        }
        long settle = SETTLE.toSeconds();
        return (sinceEnd >= settle) ? 1 : (double) (sinceEnd + 60) / (settle + 60);
    }

    private static List<DemoFunction> functionsOf(SourceRegion region) {
        if (!DemoAccount.ACCOUNT_ID.equals(region.account()) || DemoAccount.functionsIn(region.region()).isEmpty()) {
            throw new IllegalArgumentException("The demo account has no region " + region);
        }
        return DemoAccount.functionsIn(region.region());
    }
}
