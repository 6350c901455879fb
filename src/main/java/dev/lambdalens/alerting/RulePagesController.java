package dev.lambdalens.alerting;

import java.time.Clock;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.shared.FormRebinding;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The rule form: create, change and delete rules in the browser, re-rendered with a message per field and with
 * everything as typed when a definition does not hold together. The same checks as the API's.
 */
@Controller
class RulePagesController {

    /** The fields a built-in rule's form offers. */
    private static final java.util.List<String> BUILT_IN_FIELDS = java.util.List.of("name", "severity",
            "description", "runbookUrl", "enabled", "channelIds");

    private final AlertingAudit audit;

    private final AlertRuleRepository rules;

    private final Clock clock;

    private final RuleEvaluation evaluation;

    private final AlertRepository alerts;

    private final ChannelReferences channels;

    private final FunctionReferences functions;

    private final RuleFormOptions options;

    private final FormRebinding forms;

    RulePagesController(AlertRuleRepository rules, Clock clock, AlertingAudit audit, RuleEvaluation evaluation,
            AlertRepository alerts, ChannelReferences channels, FunctionReferences functions, RuleFormOptions options,
            FormRebinding forms) {
        this.channels = channels;
        this.functions = functions;
        this.options = options;
        this.forms = forms;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
        this.evaluation = evaluation;
        this.alerts = alerts;
    }

    /**
     * The new-rule form; "alert on this function" (from a function page) opens it with the function, its account and
     * region filled in, watching its errors.
     */
    @GetMapping("/alerts/rules/new")
    String newRule(@org.springframework.web.bind.annotation.RequestParam(required = false)
            @org.jspecify.annotations.Nullable String function,
            @org.springframework.web.bind.annotation.RequestParam(required = false)
            @org.jspecify.annotations.Nullable String account,
            @org.springframework.web.bind.annotation.RequestParam(required = false)
            @org.jspecify.annotations.Nullable String region, Model model) {
        boolean forFunction = function != null && !function.isBlank();
        model.addAttribute("rule", forFunction
                ? new RuleRequest("Errors of " + function.trim(), Signal.METRIC, "Errors", "Sum", RuleScope.FUNCTION,
                        function.trim(), blank(account), blank(region), Comparison.GREATER_THAN_THRESHOLD, 0.0, 60, 5,
                        3, MissingData.NOT_BREACHING, Severity.WARNING, null, null, true, java.util.List.of(), 0, 0)
                : new RuleRequest("", Signal.METRIC, "Throttles", "Sum", RuleScope.ALL, null, null, null,
                        Comparison.GREATER_THAN_THRESHOLD, 0.0, 60, 5, 3, MissingData.MISSING, Severity.WARNING, null,
                        null, true, java.util.List.of(), 0, 0));
        return form(model, null);
    }

    private static @org.jspecify.annotations.Nullable String blank(@org.jspecify.annotations.Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    @GetMapping("/alerts/rules/{id}/edit")
    @Transactional(readOnly = true)
    String editRule(@PathVariable long id, Model model) {
        AlertRule stored = find(id);
        stored.checkEditable();
        RuleResponse r = RuleResponse.of(stored);
        model.addAttribute("rule", new RuleRequest(r.name(), r.signal(), r.metric(), r.statistic(), r.scope(),
                r.scopeValue(), r.account(), r.region(), r.comparison(), r.threshold(), (int) r.periodSeconds(),
                r.evaluationPeriods(), r.datapointsToAlarm(), r.missingData(), r.severity(), r.description(),
                r.runbookUrl(), r.enabled(), r.channelIds(), (int) r.pendingForSeconds(),
                (int) r.keepFiringForSeconds()));
        return form(model, id, stored);
    }

    @PostMapping("/alerts/rules")
    @Transactional
    String create(@Valid @ModelAttribute("rule") @Nullable RuleRequest rule, BindingResult errors,
            HttpServletRequest request, Model model) {
        RuleDefinition definition = definition(shown(rule, errors, request, model), errors);
        if (definition == null) {
            return form(model, null);
        }
        this.audit.ruleCreated(this.rules.save(new AlertRule(definition, this.clock.instant())));
        return "redirect:/alerts";
    }

    @PostMapping("/alerts/rules/{id}")
    @Transactional
    String update(@PathVariable long id, @Valid @ModelAttribute("rule") @Nullable RuleRequest bound,
            BindingResult errors, HttpServletRequest request, Model model) {
        RuleRequest rule = shown(bound, errors, request, model);
        AlertRule stored = find(id);
        stored.checkEditable();
        RuleResponse before = RuleResponse.of(stored);
        if (stored.builtIn()) {
            // what a built-in rule watches is not in its form: only the fields it shows count
            if (BUILT_IN_FIELDS.stream().anyMatch(errors::hasFieldErrors) || !channelsExist(rule, errors)) {
                return form(model, id, stored);
            }
            stored.editBuiltIn(rule, this.clock.instant());
            this.audit.ruleChanged(before, stored);
            this.evaluation.settle(stored);
            return "redirect:/alerts";
        }
        RuleDefinition definition = definition(rule, errors);
        if (definition == null) {
            return form(model, id);
        }
        stored.apply(definition, this.clock.instant());
        this.audit.ruleChanged(before, stored);
        this.evaluation.settle(stored);
        return "redirect:/alerts";
    }

    /** Asks before deleting: what the rule's alerts are, and whether their history should go too. */
    @GetMapping("/alerts/rules/{id}/delete")
    @Transactional(readOnly = true)
    String confirmDelete(@PathVariable long id, Model model) {
        AlertRule rule = find(id);
        rule.checkEditable();
        java.util.List<Alert> of = this.alerts.findByRuleId(id);
        model.addAttribute("rule", RuleResponse.of(rule));
        model.addAttribute("alertCount", of.size());
        model.addAttribute("firingCount", of.stream().filter((a) -> a.state() == AlarmState.ALARM).count());
        return "alerting/rule-delete";
    }

    @PostMapping("/alerts/rules/{id}/delete")
    @Transactional
    String delete(@PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @org.jspecify.annotations.Nullable String history) {
        AlertRule rule = find(id);
        rule.checkEditable();
        if (!"keep".equals(history) && !"delete".equals(history)) {
            // not from the confirmation page: ask there first
            return "redirect:/alerts/rules/" + id + "/delete";
        }
        rule.delete(this.clock.instant());
        this.evaluation.settle(rule);
        if (history.equals("delete")) {
            this.rules.delete(rule);
        }
        this.audit.ruleDeleted(rule);
        return "redirect:/alerts";
    }

    /**
     * The request as the form shows it again: rebuilt from what was typed when a value could not be converted (a
     * record binds all or nothing), and without a metric unless the signal is one.
     */
    private RuleRequest shown(@Nullable RuleRequest bound, BindingResult errors, HttpServletRequest request,
            Model model) {
        RuleRequest rule = this.forms.ensure(bound, RuleRequest.class, "rule", errors, request, model)
            .metricOnlyForMetricSignal();
        return rule;
    }

    /** The definition, or {@code null} with the reasons recorded against their fields. */
    private @Nullable RuleDefinition definition(RuleRequest rule, BindingResult errors) {
        if (errors.hasErrors()) {
            return null;
        }
        try {
            RuleDefinition definition = rule.toDefinition();
            this.channels.check(definition.channelIds());
            this.functions.check(definition);
            return definition;
        }
        catch (InvalidFieldException ex) {
            errors.rejectValue(ex.field(), "invalid", String.valueOf(ex.getMessage()));
            return null;
        }
    }

    private boolean channelsExist(RuleRequest rule, BindingResult errors) {
        try {
            this.channels.check((rule.channelIds() != null) ? rule.channelIds() : java.util.List.of());
            return true;
        }
        catch (InvalidFieldException ex) {
            errors.rejectValue(ex.field(), "invalid", String.valueOf(ex.getMessage()));
            return false;
        }
    }

    private String form(Model model, Long id, AlertRule stored) {
        model.addAttribute("builtIn", stored.builtIn());
        return form(model, id);
    }

    private String form(Model model, Long id) {
        model.addAttribute("ruleId", id);
        if (!model.containsAttribute("builtIn")) {
            model.addAttribute("builtIn", false);
        }
        this.options.addTo(model, (model.getAttribute("rule") instanceof RuleRequest shown) ? shown : null);
        return "alerting/rule-form";
    }

    private AlertRule find(long id) {
        return this.rules.findById(id)
            .filter((rule) -> !rule.deleted())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
