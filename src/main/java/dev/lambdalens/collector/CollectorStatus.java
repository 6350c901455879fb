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

import org.jspecify.annotations.Nullable;

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

    private final WorkUnits units;

    private volatile @Nullable String sourceError;

    CollectorStatus(MetricSource source, CollectorStateRepository states, SourceSettings settings,
            CollectorProperties properties, WorkUnits units, Clock clock) {
        this.units = units;
        this.source = source;
        this.states = states;
        this.settings = settings;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Why the source could not list its accounts and regions when last asked (credentials refused, STS
     * unreachable), or {@code null} when it could.
     */
    public @Nullable String sourceError() {
        return this.sourceError;
    }

    /** The configured source. */
    public SourceKind source() {
        return this.settings.source();
    }

    /** The time between cycles. */
    public Duration interval() {
        return this.properties.interval();
    }

    /** How often the series of recently invoked functions are fetched. */
    public Duration functionInterval() {
        return this.properties.functionInterval();
    }

    /** How often the series of idle functions are fetched. */
    public Duration idleFunctionInterval() {
        return this.properties.idleFunctionInterval();
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
        java.util.Set<SourceRegion> regions = new java.util.TreeSet<>(
                java.util.Comparator.comparing(SourceRegion::toString));
        regions.addAll(byRegion.keySet());
        try {
            regions.addAll(this.source.regions());
        }
        catch (RuntimeException ex) {
            // the source cannot say which accounts it covers (say, credentials refused): report what is stored
            this.sourceError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
            return regions.stream().map((region) -> toStatus(region, byRegion.get(region), now)).toList();
        }
        this.sourceError = null;
        return regions.stream().map((region) -> toStatus(region, byRegion.get(region), now)).toList();
    }

    /**
     * Every work unit: per account and region its collection and its discovery, with the instance that runs it,
     * its last run, how long it took, its next run and how late it is.
     */
    public List<UnitStatus> units() {
        Instant now = this.clock.instant();
        return this.units.all().stream().map((row) -> toStatus(row, now)).toList();
    }

    private static UnitStatus toStatus(UnitRow row, Instant now) {
        long lag = (row.nextRunAt() != null && row.nextRunAt().isBefore(now))
                ? Duration.between(row.nextRunAt(), now).toSeconds() : 0;
        return new UnitStatus(row.kind(), row.account(), row.region(), row.owner(), row.running(), row.startedAt(),
                row.durationMs(), row.nextRunAt(), lag, row.lastSuccessAt(), row.lastError(), row.lastErrorAt(),
                row.detail(), row.runs(), row.takeovers(), row.failingSince());
    }

    /** The CloudWatch API fees of all accounts and regions for 30 days at the current settings. */
    public double estimatedMonthlyCostUsd(List<RegionStatus> regions) {
        long metrics = regions.stream().mapToLong(RegionStatus::estimatedMonthlyMetrics).sum();
        return CloudWatchBill.monthlyCostUsd(metrics, this.properties);
    }

    /** The price the estimate uses, in USD per 1,000 metrics requested. */
    public double pricePerThousandMetrics() {
        return this.properties.pricePerThousandMetrics();
    }

    private RegionStatus toStatus(SourceRegion region, CollectorState state, Instant now) {
        if (state == null) {
            return new RegionStatus(region.account(), region.region(), RegionStatus.Health.PENDING, null, null, null,
                    null, null, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0);
        }
        Instant success = state.lastSuccessAt();
        Instant error = state.lastErrorAt();
        RegionStatus.Health health = (error != null && (success == null || error.isAfter(success)))
                ? RegionStatus.Health.FAILING
                : (success != null) ? RegionStatus.Health.OK : RegionStatus.Health.PENDING;
        Instant oldest = state.oldestWatermark();
        Long lag = (oldest != null) ? Duration.between(oldest, now).toSeconds() : null;
        long metrics = CloudWatchBill.monthlyMetrics(state.accountSeries(), state.activeFunctionSeries(),
                state.idleFunctionSeries(), this.properties);
        return new RegionStatus(region.account(), region.region(), health, state.watermark(), state.lastAttemptAt(),
                success, state.lastError(), error, state.samplesStored(), state.cycles(), state.failures(), lag,
                state.accountSeries(), state.activeFunctionSeries(), state.idleFunctionSeries(), metrics,
                CloudWatchBill.monthlyCostUsd(metrics, this.properties), state.signalFetches(), state.signalMetrics());
    }
}
