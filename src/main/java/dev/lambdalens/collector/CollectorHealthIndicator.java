package dev.lambdalens.collector;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code collector}: DOWN when every account and region is failing, UP otherwise,
 * with each one's state and last error in the details.
 */
@Component("collector")
class CollectorHealthIndicator implements HealthIndicator {

    private final CollectorStatus status;

    CollectorHealthIndicator(CollectorStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        List<RegionStatus> regions = this.status.regions();
        boolean allFailing = !regions.isEmpty()
                && regions.stream().allMatch((r) -> r.health() == RegionStatus.Health.FAILING);
        String sourceError = this.status.sourceError();
        boolean nothingToCollect = regions.isEmpty() && sourceError != null;
        Health.Builder builder = (allFailing || nothingToCollect) ? Health.down() : Health.up();
        if (sourceError != null) {
            builder.withDetail("sourceError", sourceError);
        }
        builder.withDetail("source", this.status.source().name().toLowerCase(java.util.Locale.ROOT));
        for (RegionStatus region : regions) {
            String key = region.account() + "/" + region.region();
            builder.withDetail(key, (region.lastError() != null && region.health() == RegionStatus.Health.FAILING)
                    ? region.health() + ": " + region.lastError() : region.health().name());
        }
        return builder.build();
    }
}
