package dev.lambdalens.alerting;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alert-rules}: list, read, create, change and delete rules; a bad definition is a 400 naming each
 * field at fault.
 */
@RestController
@RequestMapping("/api/v1/alert-rules")
class AlertRulesApiController {

    private final AlertingAudit audit;

    private final AlertRuleRepository rules;

    private final Clock clock;

    private final ChannelReferences channels;

    AlertRulesApiController(AlertRuleRepository rules, Clock clock, AlertingAudit audit, ChannelReferences channels) {
        this.channels = channels;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
    }

    @GetMapping
    @Transactional(readOnly = true)
    List<RuleResponse> rules() {
        return this.rules.findAllByOrderByIdAsc().stream().map(RuleResponse::of).toList();
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    RuleResponse rule(@PathVariable long id) {
        return RuleResponse.of(find(id));
    }

    @PostMapping
    @Transactional
    ResponseEntity<RuleResponse> create(@Valid @RequestBody RuleRequest request) {
        RuleDefinition definition = request.toDefinition();
        this.channels.check(definition.channelIds());
        AlertRule rule = this.rules.save(new AlertRule(definition, this.clock.instant()));
        this.audit.ruleCreated(rule);
        return ResponseEntity.created(URI.create("/api/v1/alert-rules/" + rule.id())).body(RuleResponse.of(rule));
    }

    @PutMapping("/{id}")
    @Transactional
    RuleResponse update(@PathVariable long id, @Valid @RequestBody RuleRequest request) {
        AlertRule rule = find(id);
        rule.checkEditable();
        RuleResponse before = RuleResponse.of(rule);
        RuleDefinition definition = request.toDefinition();
        this.channels.check(definition.channelIds());
        rule.apply(definition, this.clock.instant());
        this.audit.ruleChanged(before, rule);
        return RuleResponse.of(rule);
    }

    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable long id) {
        AlertRule rule = find(id);
        rule.checkEditable();
        this.rules.delete(rule);
        this.audit.ruleDeleted(rule);
        return ResponseEntity.noContent().build();
    }

    private AlertRule find(long id) {
        return this.rules.findById(id)
            .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No alert rule " + id), null));
    }
}
