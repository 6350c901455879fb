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
import dev.lambdalens.inventory.ProvisionedAllocation;
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
 * the memory configured at the time is compute, except where REPORT lines covered every invocation of a day (or of
 * an hour, or a minute on a day the configuration changed): there their billed durations are, as on the bill. Two queries cover every function and day; only a day on which a
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
        Map<FunctionRef, Map<Long, Double>> reported = daily(LambdaMetric.REPORTED_INVOCATIONS, start, end);
        Map<FunctionRef, Map<Long, Double>> billed = daily(LambdaMetric.BILLED_GB_SECONDS, start, end);
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
                    double dayRequestCount = dayRequests.getOrDefault(day, 0.0);
                    Double dayReported = reported.getOrDefault(ref, Map.of()).get(day);
                    Billed dayBilled = Billed.NONE;
                    if (dayReported != null && dayReported >= dayRequestCount) {
                        dayBilled = new Billed(billed.getOrDefault(ref, Map.of()).getOrDefault(day, 0.0),
                                dayDurations.getOrDefault(day, 0.0), true);
                    }
                    else if (dayReported != null) {
                        dayBilled = byHour(ref, dayStart, dayEnd.isAfter(end) ? end : dayEnd);
                    }
                    usage.add(usage(ref, dayStart, function.configurationAt(dayStart), dayRequestCount,
                            dayDurations.getOrDefault(day, 0.0), dayBilled));
                }
            }
        }
        return new UsageSet(withProvisioned(usage, functions, start, end), unknown);
    }

    /**
     * The usage with provisioned concurrency added: each day's allocated GB-s (allocation times the version's memory
     * times the seconds allocated, from the allocation history discovery keeps), and the share of the day's compute
     * that ran on it, moved from on-demand to provisioned. That share is the day's ProvisionedConcurrencyInvocations
     * (all aliases and versions) over its Invocations: Duration is not kept per alias or version, so an invocation on
     * provisioned concurrency is taken to last as long as the function's average.
     */
    private List<Usage> withProvisioned(List<Usage> usage, Map<FunctionRef, FunctionSummary> functions, Instant start,
            Instant end) {
        Map<FunctionRef, Map<Long, Double>> allocated = new HashMap<>();
        for (ProvisionedAllocation a : this.inventory.provisionedAllocations(start, end)) {
            Map<Long, Double> days = allocated.computeIfAbsent(new FunctionRef(a.account(), a.region(), a.function()),
                    (k) -> new HashMap<>());
            for (long day = Math.floorDiv(start.getEpochSecond(), DAY) * DAY; day < end.getEpochSecond(); day += DAY) {
                Instant dayEnd = Instant.ofEpochSecond(day + DAY);
                double gbSeconds = a.gbSeconds(Instant.ofEpochSecond(Math.max(day, start.getEpochSecond())),
                        dayEnd.isAfter(end) ? end : dayEnd);
                if (gbSeconds > 0) {
                    days.merge(day, gbSeconds, Double::sum);
                }
            }
        }
        Map<FunctionRef, Map<Long, Double>> onProvisioned = new HashMap<>();
        daily(LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS, start, end).forEach((qualified, days) -> {
            FunctionRef ref = new FunctionRef(qualified.account(), qualified.region(), unqualified(qualified.name()));
            days.forEach((day, count) -> onProvisioned.computeIfAbsent(ref, (k) -> new HashMap<>())
                .merge(day, count, Double::sum));
        });
        if (allocated.isEmpty() && onProvisioned.isEmpty()) {
            return usage;
        }
        Map<FunctionRef, Map<Long, Double>> requests = new HashMap<>();
        usage.forEach((u) -> requests.computeIfAbsent(u.function(), (k) -> new HashMap<>())
            .merge(epochDay(u.day()), u.requests(), Double::sum));
        List<Usage> result = new ArrayList<>(usage.size());
        Set<FunctionDay> allocationBilled = new HashSet<>();
        for (Usage u : usage) {
            long day = epochDay(u.day());
            double onIt = onProvisioned.getOrDefault(u.function(), Map.of()).getOrDefault(day, 0.0);
            double dayRequests = requests.get(u.function()).getOrDefault(day, 0.0);
            double share = (dayRequests > 0) ? Math.min(1, onIt / dayRequests) : 0;
            // a day's allocation is billed once, with the first of its lines
            double allocation = allocationBilled.add(new FunctionDay(u.function(), day))
                    ? allocated.getOrDefault(u.function(), Map.of()).getOrDefault(day, 0.0) : 0;
            result.add((share > 0 || allocation > 0) ? u.withProvisioned(allocation, share) : u);
        }
        allocated.forEach((ref, days) -> days.forEach((day, gbSeconds) -> {
            FunctionSummary function = functions.get(ref);
            if (function != null && allocationBilled.add(new FunctionDay(ref, day))) {
                // allocated all day without a single invocation: billed all the same
                result.add(new Usage(ref, LocalDate.ofEpochDay(day / DAY),
                        function.configurationAt(Instant.ofEpochSecond(day)).architecture(), 0, 0, 0, 0,
                        Usage.ComputeSource.DURATION_SUM, gbSeconds, 0));
            }
        }));
        return result;
    }

    /**
     * Each function's provisioned concurrency allocated at {@code at}, as a whole day of usage (dated
     * {@link LocalDate#EPOCH}): what the forecast repeats for every day to come, the allocation being a standing
     * charge rather than something the recent days' traffic predicts.
     */
    List<Usage> standingAllocations(Instant at) {
        Map<FunctionRef, FunctionSummary> functions = new HashMap<>();
        for (FunctionSummary f : this.inventory.functions()) {
            functions.put(new FunctionRef(f.account(), f.region(), f.name()), f);
        }
        Map<FunctionRef, Double> perDay = new HashMap<>();
        for (ProvisionedAllocation a : this.inventory.provisionedAllocations(at, at.plusSeconds(1))) {
            if (a.lastsAt(at)) {
                perDay.merge(new FunctionRef(a.account(), a.region(), a.function()),
                        a.allocated() * (a.memoryMb() / 1024.0) * DAY, Double::sum);
            }
        }
        List<Usage> standing = new ArrayList<>();
        perDay.forEach((ref, gbSeconds) -> {
            FunctionSummary function = functions.get(ref);
            if (function != null) {
                standing.add(new Usage(ref, LocalDate.EPOCH, function.configurationAt(at).architecture(), 0, 0, 0, 0,
                        Usage.ComputeSource.DURATION_SUM, gbSeconds, 0));
            }
        });
        return standing;
    }

    private static String unqualified(String name) {
        int colon = name.indexOf(':');
        return (colon > 0) ? name.substring(0, colon) : name;
    }

    private static long epochDay(LocalDate day) {
        return day.toEpochDay() * DAY;
    }

    private record FunctionDay(FunctionRef function, long day) {
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

    /**
     * One day of a function whose configuration changed that day: each minute at the configuration of its time, and
     * billed durations for the minutes whose every invocation was reported.
     */
    private List<Usage> byMinute(FunctionRef ref, FunctionSummary function, Instant from, Instant to) {
        Map<ConfigurationPeriod, double[]> totals = new HashMap<>();
        Map<Long, Double> invocations = new HashMap<>();
        Map<Long, Double> durations = new HashMap<>();
        for (Point p : points(ref, LambdaMetric.INVOCATIONS, from, to, 60)) {
            invocations.put(p.epochSecond(), p.value());
            totals.computeIfAbsent(function.configurationAt(Instant.ofEpochSecond(p.epochSecond())),
                    (c) -> new double[5])[0] += p.value();
        }
        for (Point p : points(ref, LambdaMetric.DURATION, from, to, 60)) {
            durations.put(p.epochSecond(), p.value());
            totals.computeIfAbsent(function.configurationAt(Instant.ofEpochSecond(p.epochSecond())),
                    (c) -> new double[5])[1] += p.value();
        }
        Map<Long, Double> billed = new HashMap<>();
        points(ref, LambdaMetric.BILLED_GB_SECONDS, from, to, 60).forEach((p) -> billed.put(p.epochSecond(), p.value()));
        for (Point p : points(ref, LambdaMetric.REPORTED_INVOCATIONS, from, to, 60)) {
            if (p.value() >= invocations.getOrDefault(p.epochSecond(), 0.0)) {
                double[] sums = totals.computeIfAbsent(
                        function.configurationAt(Instant.ofEpochSecond(p.epochSecond())), (c) -> new double[5]);
                sums[2] += billed.getOrDefault(p.epochSecond(), 0.0);
                sums[3] += durations.getOrDefault(p.epochSecond(), 0.0);
                sums[4] = 1;
            }
        }
        List<Usage> usage = new ArrayList<>();
        totals.forEach((configuration, sums) -> usage.add(usage(ref, from, configuration, sums[0], sums[1],
                new Billed(sums[2], sums[3], sums[4] > 0))));
        return usage;
    }

    /** A day that REPORT lines covered only in part: billed durations for the hours whose every invocation they cover. */
    private Billed byHour(FunctionRef ref, Instant from, Instant to) {
        Map<Long, Double> invocations = new HashMap<>();
        points(ref, LambdaMetric.INVOCATIONS, from, to, 3600).forEach((p) -> invocations.put(p.epochSecond(), p.value()));
        Map<Long, Double> durations = new HashMap<>();
        points(ref, LambdaMetric.DURATION, from, to, 3600).forEach((p) -> durations.put(p.epochSecond(), p.value()));
        Map<Long, Double> billed = new HashMap<>();
        points(ref, LambdaMetric.BILLED_GB_SECONDS, from, to, 3600).forEach((p) -> billed.put(p.epochSecond(),
                p.value()));
        double gbSeconds = 0;
        double replaced = 0;
        boolean any = false;
        for (Point p : points(ref, LambdaMetric.REPORTED_INVOCATIONS, from, to, 3600)) {
            if (p.value() >= invocations.getOrDefault(p.epochSecond(), 0.0)) {
                gbSeconds += billed.getOrDefault(p.epochSecond(), 0.0);
                replaced += durations.getOrDefault(p.epochSecond(), 0.0);
                any = true;
            }
        }
        return new Billed(gbSeconds, replaced, any);
    }

    private List<Point> points(FunctionRef ref, LambdaMetric metric, Instant from, Instant to, long step) {
        return this.series.read(SeriesKey.ofFunction(ref.account(), ref.region(), ref.name(), metric, Statistic.SUM),
                from, to, step).points();
    }

    private static Usage usage(FunctionRef ref, Instant day, ConfigurationPeriod configuration, double requests,
            double durationMs, Billed billed) {
        double seconds = durationMs / 1000;
        double extraStorageMb = Math.max(0,
                configuration.ephemeralStorageMb() - DiscoveredFunction.INCLUDED_EPHEMERAL_STORAGE_MB);
        double estimate = seconds * configuration.memoryMb() / 1024;
        if (!billed.any()) {
            return new Usage(ref, LocalDate.ofInstant(day, ZoneOffset.UTC), configuration.architecture(), requests,
                    estimate, seconds * extraStorageMb / 1024);
        }
        // the billed figures replace the estimate of the part they cover, at each invocation's own memory size
        double uncovered = Math.max(0, durationMs - billed.replacedDurationMs()) / 1000 * configuration.memoryMb()
                / 1024;
        Usage.ComputeSource source = (uncovered > 0) ? Usage.ComputeSource.MIXED : Usage.ComputeSource.BILLED_DURATION;
        return new Usage(ref, LocalDate.ofInstant(day, ZoneOffset.UTC), configuration.architecture(), requests,
                billed.gbSeconds() + uncovered, seconds * extraStorageMb / 1024, estimate, source);
    }

    /**
     * Billed GB-seconds from REPORT lines, and the Sum of Duration (ms) of the minutes or hours they replace.
     */
    private record Billed(double gbSeconds, double replacedDurationMs, boolean any) {

        static final Billed NONE = new Billed(0, 0, false);
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
