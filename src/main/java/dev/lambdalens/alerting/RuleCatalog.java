package dev.lambdalens.alerting;

import java.time.Clock;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rules as other modules may write them: the insights page turns a headroom figure into a rule with one click.
 */
@Service
public class RuleCatalog {

    private final AlertRuleRepository rules;

    private final Clock clock;

    private final AlertingAudit audit;

    RuleCatalog(AlertRuleRepository rules, Clock clock, AlertingAudit audit) {
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
    }

    /** Stores a new rule, evaluated from the next pass on; returns its id. */
    @Transactional
    public long create(RuleDefinition definition) {
        if (definition.signal() == Signal.EXTERNAL) {
            throw new InvalidRuleException("signal", "EXTERNAL rules are kept by budgets, not written by hand");
        }
        AlertRule rule = this.rules.save(new AlertRule(definition, this.clock.instant()));
        this.audit.ruleCreated(rule);
        return rule.id();
    }
}
