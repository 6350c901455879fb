package dev.lambdalens.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.lambdalens.insights.VersionComparison;
import dev.lambdalens.insights.VersionComparisons;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.FunctionTriggers;
import dev.lambdalens.metrics.LambdaMetric;

import org.springframework.stereotype.Component;

/**
 * The function page's rollouts: for each alias sending part of its traffic to another version, the versions side by
 * side over the page's range, and a chart per figure with a line per version.
 */
@Component
class RolloutPanel {

    private final VersionComparisons comparisons;

    private final Charts charts;

    RolloutPanel(VersionComparisons comparisons, Charts charts) {
        this.comparisons = comparisons;
        this.charts = charts;
    }

    List<Rollout> of(FunctionSummary f, FunctionTriggers triggers, Instant from, Instant to, Duration fetchedEvery) {
        return this.comparisons.of(f, triggers, from, to)
            .stream()
            .map((comparison) -> new Rollout(comparison, this.charts.render(charts(f, comparison, from, to)
                .stream()
                .map((chart) -> chart.fetchedEvery(fetchedEvery))
                .toList())))
            .toList();
    }

    private static List<Chart> charts(FunctionSummary f, VersionComparison comparison, Instant from, Instant to) {
        String of = " by version, alias " + comparison.alias();
        return List.of(
                new Chart("Invocations" + of, "per step",
                        lines(f, comparison, LambdaMetric.VERSION_INVOCATIONS, "Sum"), from, to, null, null),
                new Chart("Errors" + of, "per step", lines(f, comparison, LambdaMetric.VERSION_ERRORS, "Sum"), from,
                        to, null, null),
                new Chart("Duration p99" + of, "ms", lines(f, comparison, LambdaMetric.VERSION_DURATION, "p99"),
                        from, to, f.timeoutSeconds() * 1000.0, "timeout"));
    }

    private static List<ChartLine> lines(FunctionSummary f, VersionComparison comparison, LambdaMetric metric,
            String statistic) {
        return comparison.versions()
            .stream()
            .map((v) -> new ChartLine("version " + v.version(), f.account(), f.region(),
                    f.name() + ":" + comparison.alias() + ":" + v.version(), metric.metricName(), statistic))
            .toList();
    }

    /** One alias' comparison and its rendered charts. */
    record Rollout(VersionComparison comparison, List<Charts.RenderedChart> charts) {
    }
}
