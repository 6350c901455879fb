package dev.lambdalens.collector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import dev.lambdalens.runtime.ClusterTasks;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * Runs one work unit: under its lease (renewed while it runs, so however long it takes no other instance starts
 * it), checking inside the lease that it is still due (another instance may have just run it), and recording who
 * ran it, how long it took, how it ended and when it is due next.
 */
@Component
class UnitRunner {

    private static final Logger logger = LoggerFactory.getLogger(UnitRunner.class);

    /** How soon a failed discovery is tried again. */
    private static final Duration DISCOVERY_RETRY = Duration.ofMinutes(1);

    private final RegionCollector collector;

    private final RegionDiscovery discovery;

    private final WorkUnits units;

    private final ClusterTasks cluster;

    private final CollectorProperties properties;

    private final CollectorMetrics metrics;

    private final Clock clock;

    UnitRunner(RegionCollector collector, RegionDiscovery discovery, WorkUnits units, ClusterTasks cluster,
            CollectorProperties properties, CollectorMetrics metrics, Clock clock) {
        this.collector = collector;
        this.discovery = discovery;
        this.units = units;
        this.cluster = cluster;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Runs the unit under its lease if no other instance holds it; returns whether it ran. */
    boolean runLeased(WorkUnit unit) {
        boolean[] ran = { false };
        this.cluster.runLeased(unit.name(), () -> ran[0] = run(unit, false));
        return ran[0];
    }

    /**
     * Runs the unit now on this thread, without a lease (single-instance runs and tests); returns whether it ran.
     * @param evenIfNotDue whether it runs even before it is due
     */
    boolean run(WorkUnit unit, boolean evenIfNotDue) {
        // every line logged for this unit of work (here and below, the SDK's too) names it, failures included
        try (MDC.MDCCloseable account = MDC.putCloseable("account", unit.region().account());
                MDC.MDCCloseable where = MDC.putCloseable("region", unit.region().region());
                MDC.MDCCloseable kind = MDC.putCloseable("unit", unit.kind().name().toLowerCase(Locale.ROOT))) {
            return runNamed(unit, evenIfNotDue);
        }
    }

    private boolean runNamed(WorkUnit unit, boolean evenIfNotDue) {
        Instant now = this.clock.instant();
        Optional<UnitRow> row = this.units.find(unit);
        if (!evenIfNotDue && row.isPresent() && !row.get().dueAt(now)) {
            return false;
        }
        if (this.units.started(unit, this.cluster.instanceId(), now)) {
            this.metrics.tookOver(unit);
            logger.info("{} taken over from {}, whose lease ran out", unit.name(), row.map(UnitRow::owner).orElse("?"));
        }
        long started = System.nanoTime();
        String error = null;
        String detail = null;
        try {
            detail = work(unit, row.orElse(null), now);
        }
        catch (CollectionFailedException ex) {
            error = ex.getMessage();
            logger.warn(ex.getMessage(), logger.isDebugEnabled() ? ex : null);
        }
        catch (RuntimeException ex) {
            error = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
            logger.warn("{} failed: {}", unit.name(), error, logger.isDebugEnabled() ? ex : null);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Instant ended = this.clock.instant();
        this.units.ended(unit, ended, took, nextRun(unit, now, ended, error == null), error, detail);
        this.metrics.unitRan(unit, took, error == null);
        return true;
    }

    private @Nullable String work(WorkUnit unit, @Nullable UnitRow row, Instant now) {
        return switch (unit.kind()) {
            case COLLECTION -> {
                int written = this.collector.collect(unit.region());
                logger.debug("Collected {}: {} samples", unit.region(), written);
                yield null;
            }
            case DISCOVERY -> {
                boolean full = row == null || row.fullRefreshAt() == null
                        || !row.fullRefreshAt().plus(this.properties.discoveryFullRefresh()).isAfter(now);
                String problems = this.discovery.discover(unit.region(), full);
                if (full) {
                    this.units.fullyRefreshed(unit, now);
                }
                yield problems;
            }
        };
    }

    /**
     * Collection is due one interval after its start (a fixed rate, so a long run does not push every later one
     * back), discovery one interval after a success and a minute after a failure.
     */
    private Instant nextRun(WorkUnit unit, Instant started, Instant ended, boolean succeeded) {
        Instant next = switch (unit.kind()) {
            case COLLECTION -> started.plus(this.properties.interval());
            case DISCOVERY -> succeeded ? started.plus(this.properties.discoveryInterval())
                    : ended.plus(DISCOVERY_RETRY);
        };
        return next.isAfter(ended) ? next : ended;
    }
}
