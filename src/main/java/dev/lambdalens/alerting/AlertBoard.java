package dev.lambdalens.alerting;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the pages show of alerting: the alerts, firing ones first and most severe first.
 */
@Service
public class AlertBoard {

    private final AlertRepository alerts;

    private final AlertRuleRepository rules;

    private final SilenceRepository silences;

    private final java.time.Clock clock;

    AlertBoard(AlertRepository alerts, AlertRuleRepository rules, SilenceRepository silences, java.time.Clock clock) {
        this.alerts = alerts;
        this.rules = rules;
        this.silences = silences;
        this.clock = clock;
    }

    /**
     * Alerts in ALARM, most severe first, then the longest firing. Only the alerts in ALARM are read, not every
     * (rule, function) pair.
     */
    @Transactional(readOnly = true)
    public List<AlertSummary> firing() {
        return summaries(this.alerts.findByState(AlarmState.ALARM));
    }

    /** The {@code shown} most important firing alerts, and how many fire in all. */
    @Transactional(readOnly = true)
    public Firing firing(int shown) {
        List<AlertSummary> firing = firing();
        return new Firing(firing.subList(0, Math.min(shown, firing.size())), firing.size());
    }

    /**
     * The first firing alerts and their number.
     *
     * @param alerts the most severe and longest firing first
     * @param total how many alerts fire
     */
    public record Firing(List<AlertSummary> alerts, int total) {

        /** Whether some firing alerts are not among {@link #alerts()}. */
        public boolean more() {
            return this.total > this.alerts.size();
        }
    }

    /** Every alert: ALARM first, then INSUFFICIENT_DATA, then OK; by severity and age within each. */
    @Transactional(readOnly = true)
    public List<AlertSummary> all() {
        Map<Long, AlertRule> byId = this.rules.findAll()
            .stream()
            .collect(Collectors.toMap(AlertRule::id, Function.identity()));
        java.time.Instant now = this.clock.instant();
        List<Silence> active = this.silences.findByEndsAtAfterOrderByEndsAtAsc(now);
        return this.alerts.findAll()
            .stream()
            .filter((alert) -> byId.containsKey(alert.ruleId()) && !byId.get(alert.ruleId()).deleted())
            .map((alert) -> summary(alert, byId.get(alert.ruleId()),
                    active.stream().anyMatch((s) -> s.silences(alert.ruleId(), alert.target(), now))))
            .sorted(Comparator.comparing((AlertSummary a) -> order(a.state()))
                .thenComparing(AlertSummary::severity)
                .thenComparing(AlertSummary::stateSince))
            .toList();
    }

    /**
     * One function's alerts, its aliases', versions' and mappings' included (their rules not deleted): ALARM first,
     * then by severity and age, as {@link #all()}.
     */
    @Transactional(readOnly = true)
    public List<AlertSummary> ofFunction(String account, String region, String function) {
        return summaries(this.alerts.ofFunction(account, region, function,
                AlertTarget.qualifiedLike(function)));
    }

    /**
     * Summaries of {@code alerts} whose rules are not deleted, each with its silence: ALARM first, then by severity
     * and age. Reads only those alerts' rules and the silences in force.
     */
    private List<AlertSummary> summaries(List<Alert> alerts) {
        Map<Long, AlertRule> byId = this.rules.findAllById(alerts.stream().map(Alert::ruleId).distinct().toList())
            .stream()
            .collect(Collectors.toMap(AlertRule::id, Function.identity()));
        java.time.Instant now = this.clock.instant();
        Silences.InForce inForce = new Silences.InForce(this.silences.findByEndsAtAfterOrderByEndsAtAsc(now), now);
        return alerts.stream()
            .filter((alert) -> byId.containsKey(alert.ruleId()) && !byId.get(alert.ruleId()).deleted())
            .map((alert) -> summary(alert, byId.get(alert.ruleId()),
                    inForce.silencing(alert.ruleId(), alert.target()).isPresent()))
            .sorted(Comparator.comparing((AlertSummary a) -> order(a.state()))
                .thenComparing(AlertSummary::severity)
                .thenComparing(AlertSummary::stateSince))
            .toList();
    }

    private static int order(AlarmState state) {
        return switch (state) {
            case ALARM -> 0;
            case INSUFFICIENT_DATA -> 1;
            case OK -> 2;
        };
    }

    static AlertSummary summary(Alert alert, AlertRule rule, boolean silenced) {
        RuleDefinition d = rule.definition();
        AlertTarget t = alert.target();
        boolean reported = d.signal() == Signal.EXTERNAL; // a budget's or a channel's name, never qualified
        return new AlertSummary(alert.id(), alert.ruleId(), d.name(), d.severity(), t.account(), t.region(),
                reported ? t.function() : t.functionName(), reported ? null : t.qualifier(), alert.state(),
                alert.stateSince(), alert.lastReason(), alert.acknowledgedBy(), d.runbookUrl(), silenced,
                d.channelIds(), reported, !rule.enabled());
    }
}
