package dev.lambdalens.collector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.lambdalens.collector.source.SourceRegion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The collector's own measurements, exported through Micrometer: cycles and their duration, samples written,
 * calls and series requested from the source (the unit CloudWatch bills), failures and lag behind real time.
 */
@Component
class CollectorMetrics {

    private final MeterRegistry registry;

    private final Clock clock;

    private final Map<SourceRegion, Instant> watermarks = new ConcurrentHashMap<>();

    CollectorMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    Timer.Sample startCycle() {
        return Timer.start(this.registry);
    }

    void cycleEnded(Timer.Sample sample, SourceRegion region, boolean success) {
        Tags tags = tags(region).and("outcome", success ? "success" : "failure");
        sample.stop(Timer.builder("lambdalens.collector.cycle")
            .description("Duration of one collection cycle of an account and region")
            .tags(tags)
            .register(this.registry));
        if (!success) {
            Counter.builder("lambdalens.collector.failures")
                .description("Collection cycles that failed")
                .tags(tags(region))
                .register(this.registry)
                .increment();
        }
    }

    void sourceCalled(SourceRegion region, String operation, int seriesRequested) {
        Tags tags = tags(region).and("operation", operation);
        Counter.builder("lambdalens.collector.source.calls")
            .description("Calls made to the metric source")
            .tags(tags)
            .register(this.registry)
            .increment();
        if (seriesRequested > 0) {
            Counter.builder("lambdalens.collector.source.series.requested")
                .description("Series requested from the source (CloudWatch bills per metric requested)")
                .tags(tags)
                .register(this.registry)
                .increment(seriesRequested);
        }
    }

    void samplesWritten(SourceRegion region, int samples) {
        Counter.builder("lambdalens.collector.samples.written")
            .description("Samples upserted into the store")
            .tags(tags(region))
            .register(this.registry)
            .increment(samples);
    }

    void watermarkMoved(SourceRegion region, Instant watermark) {
        if (this.watermarks.put(region, watermark) == null) {
            TimeGauge.builder("lambdalens.collector.lag", this.watermarks,
                    TimeUnit.SECONDS, (marks) -> lagSeconds(marks.get(region)))
                .description("How far the stored data of an account and region lags behind now")
                .tags(tags(region))
                .register(this.registry);
        }
    }

    private double lagSeconds(Instant watermark) {
        return (watermark != null) ? Duration.between(watermark, this.clock.instant()).toSeconds() : Double.NaN;
    }

    private static Tags tags(SourceRegion region) {
        return Tags.of("account", region.account(), "region", region.region());
    }

    void unitRan(WorkUnit unit, Duration took, boolean success) {
        Timer.builder("lambdalens.collector.unit")
            .description("Duration of one run of a work unit (collection or discovery of an account and region)")
            .tags(tags(unit.region()).and("kind", unit.kind().name().toLowerCase(java.util.Locale.ROOT))
                .and("outcome", success ? "success" : "failure"))
            .register(this.registry)
            .record(took);
    }

    void tookOver(WorkUnit unit) {
        Counter.builder("lambdalens.collector.unit.takeovers")
            .description("Work units this instance took over from a holder whose lease ran out")
            .tags(tags(unit.region()).and("kind", unit.kind().name().toLowerCase(java.util.Locale.ROOT)))
            .register(this.registry)
            .increment();
    }

    void unitsWaiting(java.util.concurrent.atomic.AtomicInteger waiting) {
        io.micrometer.core.instrument.Gauge.builder("lambdalens.collector.units.waiting", waiting, Number::doubleValue)
            .description("Work units due that this instance had no free thread for at its last look")
            .register(this.registry);
    }
}
