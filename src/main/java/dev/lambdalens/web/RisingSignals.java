package dev.lambdalens.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.metrics.FunctionRef;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.SeriesQueries.Halves;
import dev.lambdalens.metrics.Statistic;

import org.springframework.stereotype.Component;

/**
 * Tells which functions' stream lag or asynchronous event age is rising, or which drop events: for each signal one
 * grouped query over the last two hours for every function, never one per function. A lag or age rises when the last
 * hour's maximum is more than half as high again as the hour before's and at least a floor above it (a stream
 * consumer's lag of a second wobbles by a second without anybody falling behind); drops count from one in the last
 * hour.
 */
@Component
class RisingSignals {

    static final Duration HOUR = Duration.ofHours(1);

    /** How much higher than the hour before the last hour's maximum must be to count as rising. */
    static final double RISE_FACTOR = 1.5;

    private final SeriesQueries queries;

    private final Clock clock;

    RisingSignals(SeriesQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** The functions with a rising signal now, each with the words of its signals. */
    Rising now() {
        Instant to = this.clock.instant();
        Instant split = to.minus(HOUR);
        Instant from = split.minus(HOUR);
        Map<FunctionRef, TreeSet<String>> found = new HashMap<>();
        for (Signal signal : Signal.values()) {
            this.queries.perFunctionBeforeAndAfter(signal.metric, signal.statistic, from, split, to)
                .forEach((ref, halves) -> {
                    if (signal.fires(halves)) {
                        found.computeIfAbsent(ref, (r) -> new TreeSet<>()).add(signal.words);
                    }
                });
        }
        Map<FunctionRef, List<String>> rising = new HashMap<>();
        found.forEach((ref, words) -> rising.put(ref, List.copyOf(words)));
        return new Rising(rising);
    }

    /** A signal the overview flags, and the rule that flags it. */
    enum Signal {

        STREAM_LAG("stream lag rising", LambdaMetric.ITERATOR_AGE, Statistic.MAXIMUM, 30_000),
        KAFKA_LAG("Kafka lag rising", LambdaMetric.OFFSET_LAG, Statistic.MAXIMUM, 100),
        ASYNC_AGE("async event age rising", LambdaMetric.ASYNC_EVENT_AGE, Statistic.MAXIMUM, 30_000),
        ASYNC_DROPS("dropping events", LambdaMetric.ASYNC_EVENTS_DROPPED, Statistic.SUM, -1),
        MAPPING_DROPS("dropping events", LambdaMetric.DROPPED_EVENT_COUNT, Statistic.SUM, -1);

        final String words;

        final LambdaMetric metric;

        final Statistic statistic;

        /** How far above the hour before a maximum must be (ms, or records); negative: a count that fires from one. */
        final double floor;

        Signal(String words, LambdaMetric metric, Statistic statistic, double floor) {
            this.words = words;
            this.metric = metric;
            this.statistic = statistic;
            this.floor = floor;
        }

        boolean fires(Halves halves) {
            Double last = halves.after();
            if (last == null) {
                return false;
            }
            if (this.floor < 0) {
                return last >= 1;
            }
            double before = (halves.before() != null) ? halves.before() : 0;
            return last > before * RISE_FACTOR && last - before >= this.floor;
        }
    }

    /** The functions with rising signals; a function not named has none. */
    record Rising(Map<FunctionRef, List<String>> signals) {

        Rising {
            signals = Map.copyOf(signals);
        }

        public List<String> of(FunctionSummary function) {
            return this.signals.getOrDefault(new FunctionRef(function.account(), function.region(), function.name()),
                    List.of());
        }
    }
}
