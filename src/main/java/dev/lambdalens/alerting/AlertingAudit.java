package dev.lambdalens.alerting;

import java.time.Clock;

import dev.lambdalens.AuditableChange;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells the audit log of every change to a rule or a silence, made through the API or a page.
 */
@Component
class AlertingAudit {

    private final ApplicationEventPublisher events;

    private final Clock clock;

    AlertingAudit(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    void ruleCreated(AlertRule rule) {
        this.events.publishEvent(AuditableChange.created("rule", String.valueOf(rule.id()), RuleResponse.of(rule)));
    }

    void ruleChanged(RuleResponse before, AlertRule rule) {
        this.events.publishEvent(AuditableChange.changed("rule", String.valueOf(rule.id()), before, RuleResponse.of(rule)));
    }

    void ruleDeleted(AlertRule rule) {
        this.events.publishEvent(AuditableChange.deleted("rule", String.valueOf(rule.id()), RuleResponse.of(rule)));
    }

    void silenceCreated(Silence silence) {
        this.events.publishEvent(AuditableChange.created("silence", String.valueOf(silence.id()),
                SilencesApiController.SilenceResponse.of(silence, this.clock.instant())));
    }

    void silenceChanged(SilencesApiController.SilenceResponse before, Silence silence) {
        silenceEnded(before, silence);
    }

    void silenceEnded(SilencesApiController.SilenceResponse before, Silence silence) {
        this.events.publishEvent(AuditableChange.changed("silence", String.valueOf(silence.id()), before,
                SilencesApiController.SilenceResponse.of(silence, this.clock.instant())));
    }
}
