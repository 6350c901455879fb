package dev.lambdalens.insights;

import java.time.Duration;

import dev.lambdalens.alerting.AlarmCondition;
import dev.lambdalens.alerting.Comparison;
import dev.lambdalens.alerting.MissingData;
import dev.lambdalens.alerting.RuleCatalog;
import dev.lambdalens.alerting.RuleDefinition;
import dev.lambdalens.alerting.Severity;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Statistic;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The insights page: headroom per region and recommendations ranked by impact, each with a one-click alert rule.
 */
@Controller
class InsightsPageController {

    private final Insights insights;

    private final RuleCatalog rules;

    InsightsPageController(Insights insights, RuleCatalog rules) {
        this.insights = insights;
        this.rules = rules;
    }

    @GetMapping("/insights")
    String insights(@RequestParam(defaultValue = "14") int days, Model model) {
        if (days < 1 || days > 15) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "days must be between 1 and 15");
        }
        model.addAttribute("days", days);
        model.addAttribute("report", this.insights.recommendations(Duration.ofDays(days)));
        return "insights/insights";
    }

    /**
     * Creates the suggested rule as it is: 3 of 5 one-minute periods, missing data not breaching. The form is hidden
     * fields of a button, so a bad one was not typed by anyone: it is refused whole, saying what is wrong.
     */
    @PostMapping("/insights/alert-rules")
    String createRule(@Valid @ModelAttribute @Nullable RuleSuggestionForm form, BindingResult errors) {
        if (form == null || errors.hasErrors()) {
            FieldError first = errors.getFieldError();
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The suggested rule is incomplete"
                    + ((first != null) ? ": " + first.getField() + " is missing or not valid" : "") + ".");
        }
        if (form.signal() == null || form.signal() == dev.lambdalens.alerting.Signal.EXTERNAL) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The suggested rule needs a signal it can watch.");
        }
        if (form.scope() == null || form.threshold() == null || !Double.isFinite(form.threshold())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The suggested rule needs a scope and a threshold.");
        }
        LambdaMetric metric = null;
        if (form.metric() != null && !form.metric().isBlank()) {
            metric = LambdaMetric.fromMetricName(form.metric()).orElseThrow(() -> new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "The suggested rule's metric is not a collected metric."));
        }
        Statistic statistic = null;
        if (form.statistic() != null && !form.statistic().isBlank()) {
            statistic = Statistic.fromWireName(form.statistic()).orElseThrow(() -> new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "The suggested rule's statistic is not a statistic."));
        }
        RuleDefinition definition;
        try {
            definition = new RuleDefinition(form.name(), form.signal(), metric, statistic, form.scope(),
                blank(form.scopeValue()), blank(form.account()), blank(form.region()),
                new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, form.threshold(), Duration.ofMinutes(1), 5, 3,
                        MissingData.NOT_BREACHING),
                Severity.WARNING, "Created from the insights page.", null, true, java.util.List.of());
        }
        catch (IllegalArgumentException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The suggested rule does not hold together.");
        }
        long id = this.rules.create(definition);
        return "redirect:/alerts/rules/" + id + "/edit";
    }

    private static @Nullable String blank(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    /** A suggested rule as the insights page posts it. */
    record RuleSuggestionForm(@NotBlank @Size(max = 200) String name,
            dev.lambdalens.alerting.@Nullable Signal signal, @Size(max = 100) @Nullable String metric,
            @Size(max = 20) @Nullable String statistic, @Nullable Double threshold,
            dev.lambdalens.alerting.@Nullable RuleScope scope, @Size(max = 300) @Nullable String scopeValue,
            @Pattern(regexp = "\\d{12}") @Nullable String account,
            @Pattern(regexp = "[a-z]{2}(-[a-z]+)+-\\d+") @Size(max = 30) @Nullable String region) {
    }
}
