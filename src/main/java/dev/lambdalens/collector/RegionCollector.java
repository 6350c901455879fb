package dev.lambdalens.collector;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.lambdalens.collector.source.MetricSource;
import dev.lambdalens.collector.source.SourceRegion;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.FunctionTriggers;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.FunctionRef;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SampleStore;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Collects one account and region once: each series group whose cadence has come round, over its next window, in batches at the source's limits. A group's watermark moves only when its whole window is
 * stored, so a failure skips nothing: the next cycle fetches the same minutes again.
 */
@Component
class RegionCollector {

    private final MetricSource source;

    private final Inventory inventory;

    private final SampleStore samples;

    private final SeriesQueries queries;

    private final CollectorStateRepository states;

    private final CollectorProperties properties;

    private final CollectorMetrics metrics;

    private final ApplicationEventPublisher events;

    private final TransactionTemplate transaction;

    private final Clock clock;

    RegionCollector(MetricSource source, Inventory inventory, SampleStore samples, SeriesQueries queries,
            CollectorStateRepository states,
            CollectorProperties properties, CollectorMetrics metrics, ApplicationEventPublisher events,
            TransactionTemplate transaction, Clock clock) {
        this.source = source;
        this.inventory = inventory;
        this.samples = samples;
        this.queries = queries;
        this.states = states;
        this.properties = properties;
        this.metrics = metrics;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Run one cycle for {@code region}: each series group whose cadence has come round, with the functions inventory
     * knows (discovery is a unit of its own).
     * @return the samples written
     * @throws CollectionFailedException when the source or the store failed; the failure is recorded first, with
     * the watermarks of the groups stored before it
     */
    int collect(SourceRegion region) {
        Instant now = this.clock.instant();
        CollectorState state = this.states.findByAccountAndRegion(region.account(), region.region())
            .orElseGet(() -> new CollectorState(region.account(), region.region()));
        state.attempted(now);
        Timer.Sample timer = this.metrics.startCycle();
        try {
            Set<SeriesGroup> due = EnumSet.noneOf(SeriesGroup.class);
            for (SeriesGroup group : SeriesGroup.values()) {
                if (state.due(group, now, group.interval(this.properties))) {
                    due.add(group);
                }
            }
            Map<SeriesGroup, List<SeriesKey>> plan = plan(region, now, due);
            List<MetricsCollected> collected = new ArrayList<>();
            Map<SeriesKey, List<Point>> accountAnswer = new java.util.HashMap<>();
            int written = 0;
            for (SeriesGroup group : due) {
                List<SeriesKey> series = plan.get(group);
                Optional<CollectionWindow> window = CollectionWindow.next(state.watermark(group), now, this.properties);
                int stored = 0;
                if (window.isPresent() && !series.isEmpty()) {
                    stored = fetchAndStore(region, series, window.get(), state.watermark(group), state,
                            (group == SeriesGroup.ACCOUNT) ? accountAnswer : null);
                    collected.add(new MetricsCollected(region.account(), region.region(), window.get().start(),
                            window.get().end(), stored, covered(series)));
                }
                Instant watermark = window.map(CollectionWindow::end).orElse(state.watermark(group));
                state.fetched(group, (watermark != null) ? watermark : now, now, series.size());
                written += stored;
            }
            if (this.properties.fetchFunctionsOnAccountSignal() && !accountAnswer.isEmpty()) {
                written += fetchOnAccountSignal(region, now, state, accountAnswer, collected);
            }
            state.succeeded(now);
            Instant oldest = state.oldestWatermark();
            if (oldest != null) {
                this.metrics.watermarkMoved(region, oldest);
            }
            this.transaction.executeWithoutResult((status) -> {
                this.states.save(state);
                collected.forEach(this.events::publishEvent);
            });
            this.metrics.cycleEnded(timer, region, true);
            return written;
        }
        catch (RuntimeException ex) {
            state.failed(describe(ex), now);
            this.states.save(state);
            this.metrics.cycleEnded(timer, region, false);
            throw new CollectionFailedException(region, ex);
        }
    }

    /**
     * The series of each due group. A function is idle once it has been known for the idle period without a stored
     * invocation; a function that is new to LambdaLens is active until then, so that it is backfilled promptly. The
     * functions are split only when a function group is due: most cycles fetch the account level alone.
     */
    private Map<SeriesGroup, List<SeriesKey>> plan(SourceRegion region, Instant now, Set<SeriesGroup> due) {
        Map<SeriesGroup, List<SeriesKey>> plan = new EnumMap<>(SeriesGroup.class);
        plan.put(SeriesGroup.ACCOUNT, SeriesPlan.forAccount(region.account(), region.region()));
        if (!due.contains(SeriesGroup.ACTIVE_FUNCTIONS) && !due.contains(SeriesGroup.IDLE_FUNCTIONS)) {
            return plan;
        }
        List<FunctionSummary> functions = this.inventory.activeFunctions(region.account(), region.region());
        Instant idleSince = now.minus(this.properties.idleAfter());
        Map<FunctionRef, Double> invocations = this.queries.perFunction(LambdaMetric.INVOCATIONS, Statistic.SUM,
                idleSince, now, region.account(), region.region());
        List<FunctionSummary> active = new ArrayList<>();
        List<FunctionSummary> idle = new ArrayList<>();
        for (FunctionSummary function : functions) {
            Double invoked = invocations.get(new FunctionRef(function.account(), function.region(), function.name()));
            boolean known = function.firstSeen().isBefore(idleSince);
            ((known && (invoked == null || invoked == 0)) ? idle : active).add(function);
        }
        Map<String, FunctionTriggers> triggers = this.inventory.triggers(region.account(), region.region());
        plan.put(SeriesGroup.ACTIVE_FUNCTIONS, SeriesPlan.forFunctions(region.account(), region.region(), active,
                triggers));
        plan.put(SeriesGroup.IDLE_FUNCTIONS, SeriesPlan.forFunctions(region.account(), region.region(), idle,
                triggers));
        return plan;
    }

    /**
     * Fetches and stores the window: minutes before the group's watermark (the trailing re-fetch) are upserted over
     * what is stored, minutes after it are new and go in with a plain insert.
     */
    private int fetchAndStore(SourceRegion region, List<SeriesKey> series, CollectionWindow window,
            @Nullable Instant watermark, CollectorState state, @Nullable Map<SeriesKey, List<Point>> keep) {
        return fetchAndStore(region, series, window, watermark, state, keep, "fetch");
    }

    private int fetchAndStore(SourceRegion region, List<SeriesKey> series, CollectionWindow window,
            @Nullable Instant watermark, CollectorState state, @Nullable Map<SeriesKey, List<Point>> keep,
            String operation) {
        int written = 0;
        for (CollectionWindow part : window.split(FetchBatches.maxMinutesPerCall(this.source.limits()))) {
            for (List<SeriesKey> batch : FetchBatches.partition(series, part.minutes(), this.source.limits())) {
                Map<SeriesKey, List<Point>> answer = this.source.fetch(region, batch, part.start(), part.end());
                this.metrics.sourceCalled(region, operation, batch.size());
                if (!"fetch".equals(operation)) {
                    state.signalFetched(batch.size());
                }
                checkAnswer(batch, answer, part);
                if (keep != null) {
                    answer.forEach((key, points) -> keep.computeIfAbsent(key, (k) -> new ArrayList<>()).addAll(points));
                }
                int stored = store(answer, watermark);
                state.stored(stored);
                this.metrics.samplesWritten(region, stored);
                written += stored;
            }
        }
        return written;
    }

    /**
     * When the account-level errors or throttles start or jump in a minute the functions' series have not been
     * fetched for, fetch those series (and invocations, for the rates) of every function of the region from that
     * minute on, at once: a function-level alert need not wait for its group's next poll. Each such fetch is counted
     * ({@code signal-fetch} calls and metrics), since CloudWatch bills it.
     */
    private int fetchOnAccountSignal(SourceRegion region, Instant now, CollectorState state,
            Map<SeriesKey, List<Point>> accountAnswer, List<MetricsCollected> collected) {
        Instant since = state.signalFetchedUpTo();
        Instant functionsCovered = state.watermark(SeriesGroup.ACTIVE_FUNCTIONS);
        if (since == null || (functionsCovered != null && functionsCovered.isAfter(since))) {
            since = functionsCovered;
        }
        if (since == null || functionsCovered == null) {
            return 0; // the functions have never been fetched: their first poll covers everything
        }
        Set<LambdaMetric> moved = EnumSet.noneOf(LambdaMetric.class);
        Instant from = null;
        for (LambdaMetric metric : List.of(LambdaMetric.ERRORS, LambdaMetric.THROTTLES)) {
            List<Point> points = accountAnswer.getOrDefault(
                    SeriesKey.ofAccount(region.account(), region.region(), metric, Statistic.SUM), List.of());
            Optional<Instant> move = AccountSignal.firstMove(points, since);
            if (move.isPresent()) {
                moved.add(metric);
                from = (from == null || move.get().isBefore(from)) ? move.get() : from;
            }
        }
        Instant end = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        if (from == null || !from.isBefore(end)) {
            return 0;
        }
        moved.add(LambdaMetric.INVOCATIONS);
        List<SeriesKey> series = new ArrayList<>();
        for (FunctionSummary function : this.inventory.activeFunctions(region.account(), region.region())) {
            for (LambdaMetric metric : moved) {
                series.add(SeriesKey.ofFunction(region.account(), region.region(), function.name(), metric,
                        Statistic.SUM));
            }
        }
        state.signalFetchedUpTo(end);
        if (series.isEmpty()) {
            return 0;
        }
        // from where the functions' own polls stopped (the idle group's, when older), not from the first move: the
        // minutes fetched then join each function's watermark, so that a rule on these metrics may judge up to
        // the window's end; CloudWatch bills per metric requested, not per minute, so the longer window is free
        Instant start = functionsCovered;
        Instant idleCovered = state.watermark(SeriesGroup.IDLE_FUNCTIONS);
        if (idleCovered != null && idleCovered.isBefore(start)) {
            start = idleCovered;
        }
        if (start.isAfter(from)) {
            start = from;
        }
        CollectionWindow window = new CollectionWindow(start, end);
        // the window's end as the watermark: every minute is upserted, since the group's own poll may hold it already
        int stored = fetchAndStore(region, series, window, end, state, null, "signal-fetch");
        collected.add(new MetricsCollected(region.account(), region.region(), start, end, stored,
                covered(series), moved, false));
        return stored;
    }

    private int store(Map<SeriesKey, List<Point>> answer, @Nullable Instant watermark) {
        long fresh = (watermark != null) ? watermark.getEpochSecond() : Long.MIN_VALUE;
        Map<SeriesKey, List<Point>> seen = new java.util.LinkedHashMap<>();
        Map<SeriesKey, List<Point>> unseen = new java.util.LinkedHashMap<>();
        answer.forEach((key, points) -> {
            for (Point point : points) {
                (point.epochSecond() < fresh ? seen : unseen).computeIfAbsent(key, (k) -> new ArrayList<>()).add(point);
            }
        });
        return (seen.isEmpty() ? 0 : this.samples.upsert(seen)) + (unseen.isEmpty() ? 0 : this.samples.insertNew(unseen));
    }

    /** Refuse an answer that holds series not asked for or points outside the window, before anything is stored. */
    private static void checkAnswer(List<SeriesKey> asked, Map<SeriesKey, List<Point>> answer, CollectionWindow window) {
        Set<SeriesKey> expected = new HashSet<>(asked);
        long start = window.start().getEpochSecond();
        long end = window.end().getEpochSecond();
        answer.forEach((key, points) -> {
            if (!expected.contains(key)) {
                throw new MalformedSourceAnswerException("the source answered for a series not asked for: " + key);
            }
            for (Point point : points) {
                if (point.epochSecond() < start || point.epochSecond() >= end || point.epochSecond() % 60 != 0) {
                    throw new MalformedSourceAnswerException("the source answered " + key + " with a datapoint at "
                            + Instant.ofEpochSecond(point.epochSecond()) + ", outside the minutes of " + window.start()
                            + " .. " + window.end());
                }
            }
        });
    }

    /** The targets a group's series cover: its functions, or {@code ""} for the account level. */
    private static Set<String> covered(List<SeriesKey> series) {
        Set<String> covered = new HashSet<>();
        series.forEach((key) -> covered.add((key.function() != null) ? key.function() : ""));
        return covered;
    }

    private static String describe(RuntimeException ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
    }
}
