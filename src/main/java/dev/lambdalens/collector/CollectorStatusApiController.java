package dev.lambdalens.collector;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/collector/status}: the source, the schedule and each account and region's progress.
 */
@RestController
class CollectorStatusApiController {

    private final CollectorStatus status;

    CollectorStatusApiController(CollectorStatus status) {
        this.status = status;
    }

    @GetMapping("/api/v1/collector/status")
    StatusResponse status() {
        List<RegionStatus> regions = this.status.regions();
        return new StatusResponse(this.status.source().name().toLowerCase(java.util.Locale.ROOT),
                this.status.interval().toSeconds(), this.status.trailingWindow().toSeconds(),
                this.status.pricePerThousandMetrics(), this.status.estimatedMonthlyCostUsd(regions),
                this.status.sourceError(), regions, this.status.units());
    }

    /**
     * The collector's status.
     *
     * @param estimatedMonthlyCostUsd the monitor's own CloudWatch bill for 30 days at the current settings
     * @param sourceError why the source could not list its accounts and regions, if it could not
     * @param units every work unit (collection and discovery per account and region): owner, last run, next run, lag
     */
    record StatusResponse(String source, long intervalSeconds, long trailingWindowSeconds,
            double pricePerThousandMetrics, double estimatedMonthlyCostUsd, @Nullable String sourceError,
            List<RegionStatus> regions, List<UnitStatus> units) {
    }
}
