package dev.lambdalens.collector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.lambdalens.collector.source.MetricSource;
import dev.lambdalens.collector.source.SourceRegion;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reports how collection is going, per account and region of the configured source.
 */
@Service
public class CollectorStatus {

    private final MetricSource source;

    private final CollectorStateRepository states;

    private final SourceSettings settings;

    private final CollectorProperties properties;

    private final Clock clock;

    CollectorStatus(MetricSource source, CollectorStateRepository states, SourceSettings settings,
            CollectorProperties properties, Clock clock) {
        this.source = source;
        this.states = states;
        this.settings = settings;
        this.properties = properties;
        this.clock = clock;
    }

    /** The configured source. */
    public SourceKind source() {
        return this.settings.source();
    }

    /** The time between cycles. */
    public Duration interval() {
        return this.properties.interval();
    }

    /** The trailing window re-fetched every cycle. */
    public Duration trailingWindow() {
        return this.properties.trailingWindow();
    }

    /** One status per account and region of the source, in a stable order. */
    @Transactional(readOnly = true)
    public List<RegionStatus> regions() {
        Map<SourceRegion, CollectorState> byRegion = this.states.findAllByOrderByAccountAscRegionAsc()
            .stream()
            .collect(Collectors.toMap((s) -> new SourceRegion(s.account(), s.region()), Function.identity()));
        Instant now = this.clock.instant();
        return this.source.regions()
            .stream()
            .sorted((a, b) -> a.toString().compareTo(b.toString()))
            .map((region) -> toStatus(region, byRegion.get(region), now))
            .toList();
    }

    private static RegionStatus toStatus(SourceRegion region, CollectorState state, Instant now) {
        if (state == null) {
            return new RegionStatus(region.account(), region.region(), RegionStatus.Health.PENDING, null, null, null,
                    null, null, 0, 0, 0, null);
        }
        Instant success = state.lastSuccessAt();
        Instant error = state.lastErrorAt();
        RegionStatus.Health health = (error != null && (success == null || error.isAfter(success)))
                ? RegionStatus.Health.FAILING
                : (success != null) ? RegionStatus.Health.OK : RegionStatus.Health.PENDING;
        Instant watermark = state.watermark();
        Long lag = (watermark != null) ? Duration.between(watermark, now).toSeconds() : null;
        return new RegionStatus(region.account(), region.region(), health, watermark, state.lastAttemptAt(), success,
                state.lastError(), error, state.samplesStored(), state.cycles(), state.failures(), lag);
    }
}
