package dev.lambdalens.insights;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.lambdalens.inventory.FunctionAlias;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.FunctionTriggers;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;

import org.springframework.stereotype.Service;

/**
 * Compares the versions behind each weighted alias of a function over a window, from the series the collector keeps
 * per executed version (four per version: invocations, errors, Duration's Sum and p99).
 */
@Service
public class VersionComparisons {

    private final SeriesQueries series;

    VersionComparisons(SeriesQueries series) {
        this.series = series;
    }

    /** One comparison per alias rolling out a version, in alias order; none when no alias is weighted. */
    public List<VersionComparison> of(FunctionSummary function, FunctionTriggers triggers, Instant from, Instant to) {
        List<VersionComparison> comparisons = new ArrayList<>();
        for (FunctionAlias alias : triggers.weightedAliases()) {
            double shifted = alias.additionalVersionWeights().values().stream().mapToDouble(Double::doubleValue).sum();
            List<VersionComparison.Version> versions = new ArrayList<>();
            for (String version : FunctionTriggers.rolloutVersions(alias)) {
                String qualifier = alias.name() + ":" + version;
                double weight = version.equals(alias.version()) ? Math.max(0, 1 - shifted)
                        : alias.additionalVersionWeights().get(version);
                double invocations = sum(points(function, qualifier, LambdaMetric.VERSION_INVOCATIONS,
                        Statistic.SUM, from, to));
                double durationSum = sum(points(function, qualifier, LambdaMetric.VERSION_DURATION, Statistic.SUM,
                        from, to));
                Double p99 = points(function, qualifier, LambdaMetric.VERSION_DURATION, Statistic.P99, from, to)
                    .stream()
                    .map(Point::value)
                    .max(Double::compare)
                    .orElse(null);
                versions.add(new VersionComparison.Version(version, weight, invocations,
                        sum(points(function, qualifier, LambdaMetric.VERSION_ERRORS, Statistic.SUM, from, to)),
                        (invocations > 0) ? durationSum / invocations : null, p99));
            }
            comparisons.add(new VersionComparison(alias.name(), from, to, versions));
        }
        return comparisons;
    }

    private List<Point> points(FunctionSummary f, String qualifier, LambdaMetric metric, Statistic statistic,
            Instant from, Instant to) {
        return this.series.read(SeriesKey.ofQualified(f.account(), f.region(), f.name(), qualifier, metric,
                statistic), from, to, 60).points();
    }

    private static double sum(List<Point> points) {
        return points.stream().mapToDouble(Point::value).sum();
    }
}
