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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
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

    /** Creates the suggested rule as it is: 3 of 5 one-minute periods, missing data not breaching. */
    @PostMapping("/insights/alert-rules")
    String createRule(@Valid @ModelAttribute RuleSuggestionForm form, BindingResult errors) {
        if (errors.hasErrors()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The suggested rule is incomplete");
        }
        RuleDefinition definition;
        try {
            definition = new RuleDefinition(form.name(), form.signal(),
                (form.metric() != null) ? LambdaMetric.fromMetricName(form.metric()).orElse(null) : null,
                (form.statistic() != null) ? Statistic.fromWireName(form.statistic()).orElse(null) : null, form.scope(),
                form.scopeValue(), form.account(), form.region(),
                new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, form.threshold(), Duration.ofMinutes(1), 5, 3,
                        MissingData.NOT_BREACHING),
                Severity.WARNING, "Created from the insights page.", null, true, java.util.List.of());
        }
        catch (IllegalArgumentException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
        }
        long id = this.rules.create(definition);
        return "redirect:/alerts/rules/" + id + "/edit";
    }

    /** A suggested rule as the insights page posts it. */
    record RuleSuggestionForm(@NotBlank @Size(max = 200) String name,
            dev.lambdalens.alerting.@NotNull Signal signal, @Nullable String metric, @Nullable String statistic,
            @NotNull Double threshold, dev.lambdalens.alerting.@NotNull RuleScope scope, @Nullable String scopeValue,
            @Nullable String account, @Nullable String region) {
    }
}
