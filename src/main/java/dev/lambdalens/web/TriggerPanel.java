package dev.lambdalens.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.FunctionTriggers;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The function page's triggers panel: the graph of what invokes the function and where its events go, with the last
 * hour's health of each node, and a chart per trigger signal stored for it.
 */
@Component
class TriggerPanel {

    static final Duration HEALTH_RANGE = Duration.ofHours(1);

    private final SeriesQueries series;

    private final Charts charts;

    private final Clock clock;

    TriggerPanel(SeriesQueries series, Charts charts, Clock clock) {
        this.series = series;
        this.charts = charts;
        this.clock = clock;
    }

    View of(FunctionSummary f, FunctionTriggers triggers, Instant from, Instant to, Duration fetchedEvery) {
        Instant now = this.clock.instant();
        TriggerGraph graph = TriggerGraph.of(triggers, (metric, qualifier) -> figure(f, metric, qualifier, now));
        List<Chart> stored = TriggerCharts.of(f, triggers, from, to)
            .stream()
            .map((chart) -> new Chart(chart.title(), chart.unit(), chart.lines().stream().filter(this::stored).toList(),
                    chart.from(), chart.to(), chart.limit(), chart.limitLabel()))
            .filter((chart) -> !chart.lines().isEmpty())
            .map((chart) -> chart.fetchedEvery(fetchedEvery))
            .toList();
        return new View(graph, this.charts.render(stored));
    }

    private @Nullable Double figure(FunctionSummary f, LambdaMetric metric, @Nullable String qualifier, Instant now) {
        Statistic statistic = metric.statistics().get(0);
        SeriesKey key = (qualifier != null)
                ? SeriesKey.ofQualified(f.account(), f.region(), f.name(), qualifier, metric, statistic)
                : SeriesKey.ofFunction(f.account(), f.region(), f.name(), metric, statistic);
        return this.series.figure(key, now.minus(HEALTH_RANGE), now).orElse(null);
    }

    private boolean stored(ChartLine line) {
        LambdaMetric metric = LambdaMetric.fromMetricName(line.metric()).orElseThrow();
        Statistic statistic = Statistic.fromWireName(line.statistic()).orElseThrow();
        return this.series.exists(new SeriesKey(line.account(), line.region(), line.function(), metric, statistic));
    }

    /** The graph and its rendered charts. */
    record View(TriggerGraph graph, List<Charts.RenderedChart> charts) {
    }
}
