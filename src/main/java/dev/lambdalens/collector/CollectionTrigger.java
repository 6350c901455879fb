package dev.lambdalens.collector;

import java.util.List;

import dev.lambdalens.collector.source.MetricSource;
import dev.lambdalens.collector.source.SourceRegion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * Decides when collection happens and runs one cycle over every account and region of the source; a failing one is
 * logged and recorded, and never stops the others.
 */
@Component
class CollectionTrigger {

    private static final Logger logger = LoggerFactory.getLogger(CollectionTrigger.class);

    private final MetricSource source;

    private final RegionCollector collector;

    CollectionTrigger(MetricSource source, RegionCollector collector) {
        this.source = source;
        this.collector = collector;
    }

    /** One cycle over every account and region; returns how many succeeded. */
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
            // every line logged for this unit of work (here and below, the SDK's too) names it, failures included
            try (MDC.MDCCloseable account = MDC.putCloseable("account", region.account());
                    MDC.MDCCloseable where = MDC.putCloseable("region", region.region());
                    MDC.MDCCloseable unit = MDC.putCloseable("unit", "collection")) {
                succeeded += collect(region) ? 1 : 0;
            }
        }
        return succeeded;
    }

    private boolean collect(SourceRegion region) {
        try {
            int written = this.collector.collect(region);
            logger.debug("Collected {}: {} samples", region, written);
            return true;
        }
        catch (CollectionFailedException ex) {
            logger.warn(ex.getMessage(), logger.isDebugEnabled() ? ex : null);
        }
        catch (RuntimeException ex) {
            logger.error("Unexpected failure collecting {}", region, ex);
        }
        return false;
    }
}
