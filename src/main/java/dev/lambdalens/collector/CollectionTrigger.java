package dev.lambdalens.collector;

import java.util.List;

import dev.lambdalens.collector.source.MetricSource;
import dev.lambdalens.collector.source.SourceRegion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Runs one whole cycle on the calling thread, every account and region one after the other: discovery where due,
 * then collection. The scheduled path is {@link UnitDispatcher}, which spreads the same units over pools and
 * instances; this one serves tests and one-off runs. A failing region is recorded and never stops the others.
 */
@Component
class CollectionTrigger {

    private static final Logger logger = LoggerFactory.getLogger(CollectionTrigger.class);

    private final MetricSource source;

    private final UnitRunner runner;

    private final CollectorStateRepository states;

    CollectionTrigger(MetricSource source, UnitRunner runner, CollectorStateRepository states) {
        this.source = source;
        this.runner = runner;
        this.states = states;
    }

    /** One cycle over every account and region; returns how many collected successfully. */
    int runCycle() {
        List<SourceRegion> regions;
        try {
            regions = this.source.regions();
        }
        catch (RuntimeException ex) {
            logger.error("Cannot list the accounts and regions to collect: {}", ex.getMessage());
            return 0;
        }
        int succeeded = 0;
        for (SourceRegion region : regions) {
            this.runner.run(new WorkUnit(WorkUnit.Kind.DISCOVERY, region), false);
            this.runner.run(new WorkUnit(WorkUnit.Kind.COLLECTION, region), true);
            succeeded += this.states.findByAccountAndRegion(region.account(), region.region())
                .filter((state) -> state.lastSuccessAt() != null && state.lastSuccessAt().equals(state.lastAttemptAt()))
                .isPresent() ? 1 : 0;
        }
        return succeeded;
    }
}
