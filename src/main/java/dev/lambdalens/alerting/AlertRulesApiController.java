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

    private final RuleEvaluation evaluation;

    private final ChannelReferences channels;

    private final FunctionReferences functions;

    AlertRulesApiController(AlertRuleRepository rules, Clock clock, AlertingAudit audit, RuleEvaluation evaluation,
            ChannelReferences channels, FunctionReferences functions) {
        this.functions = functions;
        this.channels = channels;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
        this.evaluation = evaluation;
    }

    @GetMapping
    @Transactional(readOnly = true)
    List<RuleResponse> rules() {
        return this.rules.findByDeletedAtIsNullOrderByIdAsc().stream().map(RuleResponse::of).toList();
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
        this.functions.check(definition);
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
        if (rule.builtIn()) {
            // a built-in rule: what it watches stays as shipped, whatever the request says of it
            this.channels.check((request.channelIds() != null) ? request.channelIds() : java.util.List.of());
            rule.editBuiltIn(request, this.clock.instant());
        }
        else {
            RuleDefinition definition = request.toDefinition();
            this.channels.check(definition.channelIds());
            this.functions.check(definition);
            rule.apply(definition, this.clock.instant());
        }
        this.audit.ruleChanged(before, rule);
        // disabled or narrowed: what it no longer watches resolves now, with the reason
        this.evaluation.settle(rule);
        return RuleResponse.of(rule);
    }

    /**
     * Deletes a rule: its firing alerts resolve (notified once), and their history is kept unless
     * {@code history=delete} asks for it to go too.
     */
    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "keep") String history) {
        if (!history.equals("keep") && !history.equals("delete")) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "history must be keep or delete, not '" + history + "'"), null);
        }
        AlertRule rule = find(id);
        rule.checkEditable();
        rule.delete(this.clock.instant());
        this.evaluation.settle(rule);
        if (history.equals("delete")) {
            this.rules.delete(rule);
        }
        this.audit.ruleDeleted(rule);
        return ResponseEntity.noContent().build();
    }

    private AlertRule find(long id) {
        return this.rules.findById(id)
            .filter((rule) -> !rule.deleted())
            .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No alert rule " + id), null));
    }
}
