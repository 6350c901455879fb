package dev.lambdalens.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.lambdalens.collector.CollectorStatus;
import dev.lambdalens.collector.RegionStatus;
import dev.lambdalens.collector.UnitStatus;

import org.springframework.stereotype.Component;

/**
 * The monitor's view of itself, per account and region, for the built-in rules: how long collection or discovery has
 * failed and how far the stored data lags. Read from the collector's published status, now: these are about the clock, since
 * a failing collector produces no data to judge.
 */
@Component
class SelfSignals {

    private final CollectorStatus status;

    SelfSignals(CollectorStatus status) {
        this.status = status;
    }

    /** The signal's value now, in minutes, per account-level target in the rule's account and region. */
    Map<AlertTarget, Double> read(RuleDefinition rule, Instant now) {
        Map<AlertTarget, Double> values = new LinkedHashMap<>();
        if (rule.signal() == Signal.DISCOVERY_FAILING) {
            for (UnitStatus unit : this.status.units()) {
                if (!unit.kind().equals("DISCOVERY") || (rule.account() != null && !rule.account().equals(unit.account()))
                        || (rule.region() != null && !rule.region().equals(unit.region()))) {
                    continue;
                }
                Instant since = unit.failingSince();
                values.put(new AlertTarget(unit.account(), unit.region(), ""),
                        (since != null) ? Duration.between(since, now).toSeconds() / 60.0 : 0.0);
            }
            return values;
        }
        for (RegionStatus region : this.status.regions()) {
            if ((rule.account() != null && !rule.account().equals(region.account()))
                    || (rule.region() != null && !rule.region().equals(region.region()))) {
                continue;
            }
            AlertTarget target = new AlertTarget(region.account(), region.region(), "");
            if (rule.signal() == Signal.COLLECTION_FAILING) {
                boolean failing = region.health() == RegionStatus.Health.FAILING;
                Instant since = (region.lastSuccessAt() != null) ? region.lastSuccessAt() : region.lastAttemptAt();
                values.put(target, (failing && since != null) ? Duration.between(since, now).toSeconds() / 60.0 : 0.0);
            }
            else if (region.lagSeconds() != null) {
                values.put(target, region.lagSeconds() / 60.0);
            }
        }
        return values;
    }
}
