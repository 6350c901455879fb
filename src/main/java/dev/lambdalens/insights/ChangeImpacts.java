package dev.lambdalens.insights;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import dev.lambdalens.cost.CostLedger;
import dev.lambdalens.insights.ChangeImpact.Configuration;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.ConfigurationPeriod;
import dev.lambdalens.inventory.FunctionChange;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Measures a function's last change: the same length of time on each side of it (up to {@link #LONGEST} each,
 * clipped to the change before, to the first stored data and to the last settled minute), from the stored 1-minute
 * samples, with each side's cost per invocation at list price.
 */
@Service
public class ChangeImpacts {

    /** The longest window on each side: a day holds a whole daily cycle of traffic. */
    static final Duration LONGEST = Duration.ofHours(24);

    /** The shortest window worth comparing. */
    static final Duration SHORTEST = Duration.ofMinutes(5);

    /** How long a minute of Lambda metrics keeps growing in CloudWatch: the last minutes are left out. */
    static final Duration STILL_FILLING = Duration.ofMinutes(3);

    private final SeriesQueries series;

    private final CostLedger costs;

    private final Clock clock;

    ChangeImpacts(SeriesQueries series, CostLedger costs, Clock clock) {
        this.series = series;
        this.costs = costs;
        this.clock = clock;
    }

    /** The last of the changes (oldest first) measured, when there is data enough on both sides of it. */
    public Optional<ChangeImpact> ofLastChange(FunctionSummary function, List<FunctionChange> changes) {
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        FunctionChange last = changes.get(changes.size() - 1);
        Optional<Instant> firstData = this.series.firstSampleAt(key(function, LambdaMetric.INVOCATIONS,
                Statistic.SUM));
        if (firstData.isEmpty()) {
            return Optional.empty();
        }
        // whole minutes only: the minute the change fell in ran partly on each configuration
        Instant afterFrom = ceilToMinute(last.at());
        Instant beforeTo = last.at().truncatedTo(ChronoUnit.MINUTES);
        Instant settled = this.clock.instant().minus(STILL_FILLING).truncatedTo(ChronoUnit.MINUTES);
        Instant earliest = firstData.get();
        if (changes.size() > 1) {
            Instant previous = ceilToMinute(changes.get(changes.size() - 2).at());
            earliest = previous.isAfter(earliest) ? previous : earliest;
        }
        Duration length = min(LONGEST, min(Duration.between(afterFrom, settled), Duration.between(earliest, beforeTo)));
        if (length.compareTo(SHORTEST) < 0) {
            return Optional.empty();
        }
        Instant beforeFrom = beforeTo.minus(length);
        Instant afterTo = afterFrom.plus(length);
        ConfigurationPeriod beforeConfiguration = function.configurationAt(beforeFrom);
        ConfigurationPeriod afterConfiguration = function.configurationAt(afterFrom);
        // the change itself knows best what ran before it (history may start at first discovery, after it)
        Configuration before = new Configuration(
                orElse(last.memoryBefore(), beforeConfiguration.memoryMb()),
                orElse(last.architectureBefore(), beforeConfiguration.architecture()),
                beforeConfiguration.ephemeralStorageMb());
        Configuration after = new Configuration(orElse(last.memoryAfter(), afterConfiguration.memoryMb()),
                orElse(last.architectureAfter(), afterConfiguration.architecture()),
                afterConfiguration.ephemeralStorageMb());
        return Optional.of(new ChangeImpact(last, side(function, beforeFrom, beforeTo, before),
                side(function, afterFrom, afterTo, after)));
    }

    private ChangeImpact.Side side(FunctionSummary f, Instant from, Instant to, Configuration configuration) {
        return ChangeImpact.side(from, to, points(f, LambdaMetric.INVOCATIONS, Statistic.SUM, from, to),
                points(f, LambdaMetric.ERRORS, Statistic.SUM, from, to),
                points(f, LambdaMetric.THROTTLES, Statistic.SUM, from, to),
                points(f, LambdaMetric.DURATION, Statistic.SUM, from, to),
                points(f, LambdaMetric.DURATION, Statistic.P99, from, to), configuration,
                this.costs.prices().in(f.region()));
    }

    private List<Point> points(FunctionSummary f, LambdaMetric metric, Statistic statistic, Instant from, Instant to) {
        return this.series.read(key(f, metric, statistic), from, to, 60).points();
    }

    private static SeriesKey key(FunctionSummary f, LambdaMetric metric, Statistic statistic) {
        return SeriesKey.ofFunction(f.account(), f.region(), f.name(), metric, statistic);
    }

    private static Instant ceilToMinute(Instant at) {
        Instant floor = at.truncatedTo(ChronoUnit.MINUTES);
        return floor.equals(at) ? at : floor.plus(Duration.ofMinutes(1));
    }

    private static Duration min(Duration a, Duration b) {
        return (a.compareTo(b) <= 0) ? a : b;
    }

    private static int orElse(@Nullable Integer value, int otherwise) {
        return (value != null) ? value : otherwise;
    }

    private static Architecture orElse(@Nullable Architecture value, Architecture otherwise) {
        return (value != null) ? value : otherwise;
    }
}
