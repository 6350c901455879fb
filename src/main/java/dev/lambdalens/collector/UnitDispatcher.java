package dev.lambdalens.collector;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.lambdalens.collector.source.MetricSource;
import dev.lambdalens.collector.source.SourceRegion;
import dev.lambdalens.runtime.ClusterTasks;
import dev.lambdalens.runtime.WorkPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The collector's trigger: every few seconds, looks which units are due and hands as many as this instance has idle
 * threads for to their pool (collection or discovery), in a random order. An instance takes only what it can start
 * at once, so units spread over the instances: each claims a unit's lease when a thread of its own is free.
 */
@Component
class UnitDispatcher {

    private static final Logger logger = LoggerFactory.getLogger(UnitDispatcher.class);

    private final MetricSource source;

    private final WorkUnits units;

    private final UnitRunner runner;

    private final WorkPools pools;

    private final ClusterTasks cluster;

    private final Clock clock;

    /** Units a thread of this instance runs (or is about to run) now. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /** Units due that no instance has started yet, as of the last look. */
    private final AtomicInteger waiting = new AtomicInteger();

    UnitDispatcher(MetricSource source, WorkUnits units, UnitRunner runner, WorkPools pools, ClusterTasks cluster,
            CollectorMetrics metrics, Clock clock) {
        this.cluster = cluster;
        this.source = source;
        this.units = units;
        this.runner = runner;
        this.pools = pools;
        this.clock = clock;
        metrics.unitsWaiting(this.waiting);
    }

    /** One look: hands due units to the pools; returns how many were handed. Never waits for a unit to run. */
    int dispatch() {
        List<SourceRegion> regions;
        try {
            regions = this.source.regions();
        }
        catch (RuntimeException ex) {
            logger.error("Cannot list the accounts and regions to collect: {}", ex.getMessage());
            return 0;
        }
        Instant now = this.clock.instant();
        Map<String, UnitRow> rows = this.units.all()
            .stream()
            .collect(Collectors.toMap(UnitRow::name, Function.identity()));
        List<WorkUnit> due = new ArrayList<>();
        for (SourceRegion region : regions) {
            for (WorkUnit.Kind kind : WorkUnit.Kind.values()) {
                WorkUnit unit = new WorkUnit(kind, region);
                UnitRow row = rows.get(unit.name());
                // a unit another instance started within a lease is its: no need to ask for the lease
                boolean held = row != null && row.running() && row.startedAt() != null
                        && row.startedAt().plus(this.cluster.lease()).isAfter(now);
                if (row == null || (row.dueAt(now) && !held)) {
                    due.add(unit);
                }
            }
        }
        Collections.shuffle(due);
        int handed = 0;
        int left = 0;
        Map<WorkUnit.Kind, Integer> idle = new java.util.EnumMap<>(WorkUnit.Kind.class);
        for (WorkUnit.Kind kind : WorkUnit.Kind.values()) {
            idle.put(kind, this.pools.idleThreads(kind.pool()));
        }
        for (WorkUnit unit : due) {
            if (this.running.contains(unit.name())) {
                continue;
            }
            int free = idle.get(unit.kind());
            if (free <= 0) {
                left++;
                continue;
            }
            idle.put(unit.kind(), free - 1);
            this.running.add(unit.name());
            handed++;
            this.pools.execute(unit.kind().pool(), () -> {
                try {
                    this.runner.runLeased(unit);
                }
                finally {
                    this.running.remove(unit.name());
                }
            });
        }
        this.waiting.set(left);
        return handed;
    }
}
