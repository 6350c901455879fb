package dev.lambdalens.cost;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.lambdalens.collector.MetricsCollected;

import dev.lambdalens.inventory.ConfigurationPeriod;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.FunctionRef;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns stored series into usage per function and UTC day: Invocations (Sum) are requests, Sum of Duration times
 * the memory configured at the time is compute. Two queries cover every function and day; only a day on which a
 * function's configuration changed is read minute by minute, so that each minute is billed at its own memory.
 */
@Component
class UsageReader {

    static final long DAY = 86_400;

    private static final Duration CACHE_FOR = Duration.ofHours(1);

    private static final Duration SETTLED_AFTER = Duration.ofHours(1);

    private final SeriesQueries series;

    private final Inventory inventory;

    private final Clock clock;

    /** Usage of whole days that ended a while ago, until a collection stores data for them again. */
    private final Map<LocalDate, CachedDay> settled = new ConcurrentHashMap<>();

    UsageReader(SeriesQueries series, Inventory inventory, Clock clock) {
        this.series = series;
        this.inventory = inventory;
        this.clock = clock;
    }

    /** Forgets the days a collection stored data for (a late datapoint, a backfill after a gap). */
    @EventListener
    void on(MetricsCollected collected) {
        LocalDate first = LocalDate.ofInstant(collected.from(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(collected.to(), ZoneOffset.UTC);
        this.settled.keySet().removeIf((day) -> !day.isBefore(first) && !day.isAfter(last));
    }

    /**
     * Usage over the whole UTC days [from, to), up to {@code until}. Days that ended more than an hour ago are kept
     * for an hour (or until a collection touches them), so that budgets and pages do not re-read a month of samples.
     */
    UsageSet read(LocalDate from, LocalDate to, Instant until) {
        Instant now = this.clock.instant();
        List<Usage> usage = new ArrayList<>();
        Set<FunctionRef> unknown = new HashSet<>();
        LocalDate missingFrom = null;
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            CachedDay cached = this.settled.get(day);
            boolean fresh = cached != null && cached.computedAt().plus(CACHE_FOR).isAfter(now)
                    && !until.isBefore(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            if (!fresh) {
                if (missingFrom == null) {
                    missingFrom = day;
                }
                continue;
            }
            if (missingFrom != null) {
                add(readAndKeep(missingFrom, day, until, now), usage, unknown);
                missingFrom = null;
            }
            add(cached.usage(), usage, unknown);
        }
        if (missingFrom != null) {
            add(readAndKeep(missingFrom, to, until, now), usage, unknown);
        }
        return new UsageSet(usage, unknown);
    }

    private static void add(UsageSet set, List<Usage> usage, Set<FunctionRef> unknown) {
        usage.addAll(set.usage());
        unknown.addAll(set.unknownFunctions());
    }

    private UsageSet readAndKeep(LocalDate from, LocalDate to, Instant until, Instant now) {
        UsageSet read = readStored(from, to, until);
        Instant settledBefore = now.minus(SETTLED_AFTER);
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            if (day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(settledBefore)
                    && !until.isBefore(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
                LocalDate d = day;
                this.settled.put(day, new CachedDay(new UsageSet(
                        read.usage().stream().filter((u) -> u.day().equals(d)).toList(), read.unknownFunctions()),
                        now));
            }
        }
        return read;
    }

    private UsageSet readStored(LocalDate from, LocalDate to, Instant until) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        if (until.isBefore(end)) {
            end = until;
        }
        if (!end.isAfter(start)) {
            return new UsageSet(List.of(), Set.of());
        }
        Map<FunctionRef, FunctionSummary> functions = new HashMap<>();
        for (FunctionSummary f : this.inventory.functions()) {
            functions.put(new FunctionRef(f.account(), f.region(), f.name()), f);
        }
        Map<FunctionRef, Map<Long, Double>> requests = daily(LambdaMetric.INVOCATIONS, start, end);
        Map<FunctionRef, Map<Long, Double>> durations = daily(LambdaMetric.DURATION, start, end);
        Set<FunctionRef> used = new HashSet<>(requests.keySet());
        used.addAll(durations.keySet());
        List<Usage> usage = new ArrayList<>();
        Set<FunctionRef> unknown = new HashSet<>();
        for (FunctionRef ref : used) {
            FunctionSummary function = functions.get(ref);
            if (function == null) {
                unknown.add(ref);
                continue;
            }
            Map<Long, Double> dayRequests = requests.getOrDefault(ref, Map.of());
            Map<Long, Double> dayDurations = durations.getOrDefault(ref, Map.of());
            Set<Long> days = new HashSet<>(dayRequests.keySet());
            days.addAll(dayDurations.keySet());
            for (long day : days) {
                Instant dayStart = Instant.ofEpochSecond(day);
                Instant dayEnd = dayStart.plusSeconds(DAY);
                if (function.configurationChangedBetween(dayStart, dayEnd)) {
                    usage.addAll(byMinute(ref, function, dayStart, dayEnd.isAfter(end) ? end : dayEnd));
                }
                else {
                    usage.add(usage(ref, dayStart, function.configurationAt(dayStart),
                            dayRequests.getOrDefault(day, 0.0), dayDurations.getOrDefault(day, 0.0)));
                }
            }
        }
        return new UsageSet(usage, unknown);
    }

    /**
     * The share of each UTC day of [from, to) that collection covered: minutes with an account-level Invocations
     * datapoint (polled every cycle, in every account and region) out of 1,440. Empty when no account-level series is
     * stored at all (then days with usage count as whole).
     */
    Map<LocalDate, Double> coverage(LocalDate from, LocalDate to) {
        Map<LocalDate, Set<Long>> minutes = new HashMap<>();
        this.series.readAll(LambdaMetric.INVOCATIONS, Statistic.SUM, true, from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.atStartOfDay(ZoneOffset.UTC).toInstant(), 60)
            .values()
            .forEach((points) -> points.forEach((p) -> minutes
                .computeIfAbsent(LocalDate.ofEpochDay(Math.floorDiv(p.epochSecond(), DAY)), (d) -> new HashSet<>())
                .add(p.epochSecond())));
        Map<LocalDate, Double> coverage = new HashMap<>();
        minutes.forEach((day, stamps) -> coverage.put(day, Math.min(1.0, stamps.size() / 1440.0)));
        return coverage;
    }

    private Map<FunctionRef, Map<Long, Double>> daily(LambdaMetric metric, Instant from, Instant to) {
        Map<FunctionRef, Map<Long, Double>> daily = new HashMap<>();
        this.series.readAll(metric, Statistic.SUM, false, from, to, DAY).forEach((ref, points) -> {
            Map<Long, Double> days = new HashMap<>();
            points.forEach((p) -> days.put(p.epochSecond(), p.value()));
            daily.put(ref, days);
        });
        return daily;
    }

    /** One day of a function whose configuration changed that day: each minute at the configuration of its time. */
    private List<Usage> byMinute(FunctionRef ref, FunctionSummary function, Instant from, Instant to) {
        Map<ConfigurationPeriod, double[]> totals = new HashMap<>();
        for (Point p : minutes(ref, LambdaMetric.INVOCATIONS, from, to)) {
            totals.computeIfAbsent(function.configurationAt(Instant.ofEpochSecond(p.epochSecond())),
                    (c) -> new double[2])[0] += p.value();
        }
        for (Point p : minutes(ref, LambdaMetric.DURATION, from, to)) {
            totals.computeIfAbsent(function.configurationAt(Instant.ofEpochSecond(p.epochSecond())),
                    (c) -> new double[2])[1] += p.value();
        }
        List<Usage> usage = new ArrayList<>();
        totals.forEach((configuration, sums) -> usage.add(usage(ref, from, configuration, sums[0], sums[1])));
        return usage;
    }

    private List<Point> minutes(FunctionRef ref, LambdaMetric metric, Instant from, Instant to) {
        return this.series.read(SeriesKey.ofFunction(ref.account(), ref.region(), ref.name(), metric, Statistic.SUM),
                from, to, 60).points();
    }

    private static Usage usage(FunctionRef ref, Instant day, ConfigurationPeriod configuration, double requests,
            double durationMs) {
        double seconds = durationMs / 1000;
        double extraStorageMb = Math.max(0,
                configuration.ephemeralStorageMb() - DiscoveredFunction.INCLUDED_EPHEMERAL_STORAGE_MB);
        return new Usage(ref, LocalDate.ofInstant(day, ZoneOffset.UTC), configuration.architecture(), requests,
                seconds * configuration.memoryMb() / 1024, seconds * extraStorageMb / 1024);
    }

    private record CachedDay(UsageSet usage, Instant computedAt) {
    }

    /**
     * Usage lines, and the functions with stored data but no known configuration (so no known memory): never
     * costed with an invented memory size.
     */
    record UsageSet(List<Usage> usage, Set<FunctionRef> unknownFunctions) {
    }
}
