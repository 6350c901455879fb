package dev.lambdalens.collector;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.lambdalens.collector.source.Discovery;
import dev.lambdalens.collector.source.KnownInventory;
import dev.lambdalens.collector.source.MetricSource;
import dev.lambdalens.collector.source.SourceRegion;
import dev.lambdalens.inventory.Inventory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Discovers one account and region: lists its functions and limits, starting from what inventory knows, and brings
 * inventory in line. It runs as a unit of its own, apart from metric collection: while it fails, metrics go on with
 * the last known inventory.
 */
@Component
class RegionDiscovery {

    private static final int MAX_LISTED_PROBLEMS = 10;

    private final MetricSource source;

    private final Inventory inventory;

    private final CollectorMetrics metrics;

    private final Clock clock;

    /**
     * Per account and region, the functions whose details could not be read at this instance's last discovery, asked
     * again next time (another instance taking the unit over asks them again at its full refresh).
     */
    private final Map<SourceRegion, Set<String>> unread = new ConcurrentHashMap<>();

    RegionDiscovery(MetricSource source, Inventory inventory, CollectorMetrics metrics, Clock clock) {
        this.source = source;
        this.inventory = inventory;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Discover the region.
     * @param fullRefresh whether every function is asked for its details again, not only new and changed ones
     * @return the functions whose details could not be read, in words, or {@code null} when there were none
     */
    @Nullable String discover(SourceRegion region, boolean fullRefresh) {
        Instant now = this.clock.instant();
        KnownInventory known = KnownInventory.of(this.inventory.activeFunctions(region.account(), region.region()),
                fullRefresh, this.unread.getOrDefault(region, Set.of()), this.inventory.triggers(region.account(),
                        region.region()).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                                (e) -> e.getValue().setup())));
        Discovery discovery = this.source.discover(region, known);
        this.unread.put(region, Set.copyOf(discovery.problems().keySet()));
        this.metrics.sourceCalled(region, "discover", 0);
        this.inventory.reconcile(region.account(), region.region(), discovery.functions(), discovery.mappings(),
                discovery.limits(), now);
        return describe(discovery.problems());
    }

    private static @Nullable String describe(Map<String, String> problems) {
        if (problems.isEmpty()) {
            return null;
        }
        String listed = problems.entrySet()
            .stream()
            .sorted(Map.Entry.comparingByKey())
            .limit(MAX_LISTED_PROBLEMS)
            .map((e) -> e.getKey() + " (" + e.getValue() + ")")
            .collect(Collectors.joining("; "));
        int more = problems.size() - MAX_LISTED_PROBLEMS;
        return "details not read for " + problems.size() + ((problems.size() == 1) ? " function" : " functions")
                + ", last known kept: " + listed + ((more > 0) ? "; and " + more + " more" : "");
    }
}
