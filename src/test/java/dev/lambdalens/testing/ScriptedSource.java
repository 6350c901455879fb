package dev.lambdalens.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.lambdalens.collector.source.Discovery;
import dev.lambdalens.collector.source.MetricSource;
import dev.lambdalens.collector.source.SourceLimits;
import dev.lambdalens.collector.source.SourceRegion;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;

/**
 * A real source (the demo account) with faults a test switches on: a region that fails, answers with datapoints
 * outside the window, functions that vanish from discovery.
 */
public class ScriptedSource implements MetricSource {

    private final MetricSource delegate;

    private final Set<String> failingRegions = ConcurrentHashMap.newKeySet();

    private final Set<String> hiddenFunctions = ConcurrentHashMap.newKeySet();

    private final Set<String> quietFunctions = ConcurrentHashMap.newKeySet();

    private final Map<String, List<Throttling>> throttling = new ConcurrentHashMap<>();

    private volatile boolean malformed;

    /** Throttles a function reports per minute over [from, to). */
    private record Throttling(Instant from, Instant to, double perMinute) {
    }

    private volatile int fetchCalls;

    public ScriptedSource(MetricSource delegate) {
        this.delegate = delegate;
    }

    public void failRegion(String region) {
        this.failingRegions.add(region);
    }

    public void heal() {
        this.failingRegions.clear();
        this.malformed = false;
    }

    public void hideFunction(String name) {
        this.hiddenFunctions.add(name);
    }

    /** The function is never invoked: none of its series has a datapoint (it becomes idle). */
    public void quietFunction(String name) {
        this.quietFunctions.add(name);
    }

    /**
     * The function reports {@code perMinute} throttles in each minute of [from, to), whatever else it does; several
     * calls add several bursts.
     */
    public void throttle(String name, Instant from, Instant to, double perMinute) {
        this.throttling.computeIfAbsent(name, (k) -> new java.util.concurrent.CopyOnWriteArrayList<>())
            .add(new Throttling(from, to, perMinute));
    }

    public void answerMalformed() {
        this.malformed = true;
    }

    public int fetchCalls() {
        return this.fetchCalls;
    }

    @Override
    public List<SourceRegion> regions() {
        return this.delegate.regions();
    }

    @Override
    public SourceLimits limits() {
        return this.delegate.limits();
    }

    @Override
    public Discovery discover(SourceRegion region) {
        failIfAsked(region);
        Discovery discovery = this.delegate.discover(region);
        return new Discovery(discovery.functions()
            .stream()
            .filter((f) -> !this.hiddenFunctions.contains(f.name()))
            .toList(), discovery.limits(), discovery.problems(),
                (discovery.mappings() != null) ? discovery.mappings()
                    .stream()
                    .filter((m) -> !this.hiddenFunctions.contains(m.functionName()))
                    .toList() : null);
    }

    @Override
    public Map<SeriesKey, List<Point>> fetch(SourceRegion region, List<SeriesKey> series, Instant start, Instant end) {
        failIfAsked(region);
        this.fetchCalls++;
        Map<SeriesKey, List<Point>> answer = new LinkedHashMap<>(this.delegate.fetch(region, series, start, end));
        answer.keySet().removeIf((key) -> key.functionName() != null && this.quietFunctions.contains(key.functionName()));
        for (SeriesKey key : series) {
            List<Throttling> bursts = (key.functionName() != null) ? this.throttling.get(key.functionName()) : null;
            if (bursts == null || key.metric() != dev.lambdalens.metrics.LambdaMetric.THROTTLES) {
                continue;
            }
            Map<Long, Double> minutes = new java.util.TreeMap<>();
            answer.getOrDefault(key, List.of()).forEach((point) -> minutes.put(point.epochSecond(), point.value()));
            for (Throttling throttled : bursts) {
                long first = Math.max(start.getEpochSecond(), throttled.from().getEpochSecond());
                for (long minute = Math.floorDiv(first + 59, 60) * 60;
                        minute < Math.min(end.getEpochSecond(), throttled.to().getEpochSecond()); minute += 60) {
                    minutes.put(minute, throttled.perMinute());
                }
            }
            List<Point> points = new ArrayList<>();
            minutes.forEach((minute, value) -> points.add(new Point(minute, value)));
            answer.put(key, points);
        }
        if (this.malformed) {
            SeriesKey first = series.get(0);
            List<Point> points = new ArrayList<>(answer.getOrDefault(first, List.of()));
            points.add(new Point(end.getEpochSecond() + 3_600, 1));
            answer.put(first, points);
        }
        return answer;
    }

    private void failIfAsked(SourceRegion region) {
        if (this.failingRegions.contains(region.region())) {
            throw new IllegalStateException("ThrottlingException: Rate exceeded (simulated for " + region + ")");
        }
    }
}
