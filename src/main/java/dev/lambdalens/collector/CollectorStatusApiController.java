package dev.lambdalens.collector;

import java.util.List;

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
        return new StatusResponse(this.status.source().name().toLowerCase(java.util.Locale.ROOT),
                this.status.interval().toSeconds(), this.status.trailingWindow().toSeconds(), this.status.regions());
    }

    record StatusResponse(String source, long intervalSeconds, long trailingWindowSeconds, List<RegionStatus> regions) {
    }
}
