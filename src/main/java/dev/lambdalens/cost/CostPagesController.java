package dev.lambdalens.cost;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.logs.InsightsUsage;
import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.alerting.ChannelDirectory;
import dev.lambdalens.alerting.ChannelReferences;
import dev.lambdalens.alerting.Severity;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.shared.FormRebinding;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The costs page (month to date, forecast, budgets with their burn, daily cost, breakdowns) and the budget forms.
 */
@Controller
class CostPagesController {

    /** The tag the page breaks cost down by. */
    static final String TEAM_TAG = "team";

    private final CostReports reports;

    private final Budgets budgets;

    private final JsonMapper json;

    private final InsightsUsage logsInsights;

    private final FormRebinding forms;

    private final ChannelReferences channels;

    private final Inventory inventory;

    private final ObjectProvider<ChannelDirectory> channelDirectory;

    CostPagesController(CostReports reports, Budgets budgets, JsonMapper json, InsightsUsage logsInsights,
            FormRebinding forms, ChannelReferences channels, Inventory inventory,
            ObjectProvider<ChannelDirectory> channelDirectory) {
        this.inventory = inventory;
        this.channelDirectory = channelDirectory;
        this.logsInsights = logsInsights;
        this.channels = channels;
        this.forms = forms;
        this.reports = reports;
        this.budgets = budgets;
        this.json = json;
    }

    @GetMapping("/costs")
    String costs(Model model) {
        LocalDate today = this.reports.today();
        Map<CostGrouping, CostReport> month = this.reports.breakdowns(today.withDayOfMonth(1), today.plusDays(1),
                TEAM_TAG);
        CostLedger.Forecast forecast = this.reports.monthForecast();
        List<Budgets.BudgetView> budgets = this.budgets.all();
        Map<Long, String> burnCharts = new LinkedHashMap<>();
        budgets.forEach((b) -> burnCharts.put(b.id(), burnChart(b.status())));
        CostReport lastDays = this.reports.report(today.minusDays(29), today.plusDays(1), CostGrouping.REGION, null);
        model.addAttribute("report", month.get(CostGrouping.FUNCTION));
        model.addAttribute("byRegion", month.get(CostGrouping.REGION));
        model.addAttribute("byArchitecture", month.get(CostGrouping.ARCHITECTURE));
        model.addAttribute("byTeam", month.get(CostGrouping.TAG));
        model.addAttribute("forecast", forecast);
        model.addAttribute("budgets", budgets);
        model.addAttribute("logsInsights", this.logsInsights);
        model.addAttribute("burnCharts", burnCharts);
        model.addAttribute("dailyChart", dailyChart(lastDays));
        return "cost/costs";
    }

    @GetMapping("/costs/budgets/new")
    String newBudget(Model model) {
        model.addAttribute("budget", new BudgetRequest(null, null, BudgetPeriod.MONTHLY, null, null,
                BudgetScope.ACCOUNT, null, null, Severity.WARNING, null,
                withSpareRows(BudgetDefinition.defaultThresholds().stream()
                    .map((t) -> new BudgetRequest.ThresholdRequest(t.kind(), t.value(), t.unit()))
                    .toList())));
        return form(model, null);
    }

    @GetMapping("/costs/budgets/{id}/edit")
    String editBudget(@PathVariable long id, Model model) {
        Budgets.BudgetView view = this.budgets.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (view.provisionedFrom() != null) {
            throw new ManagedBudgetException("Budget " + id + " is provisioned from " + view.provisionedFrom()
                    + ": change or remove it there");
        }
        BudgetRequest request = BudgetRequest.of(view.definition());
        model.addAttribute("budget", new BudgetRequest(request.name(), request.amount(), request.period(),
                request.startsOn(), request.endsOn(), request.scope(), request.scopeValue(), request.account(),
                request.severity(), request.channelIds(), withSpareRows(request.thresholds())));
        return form(model, id);
    }

    @PostMapping("/costs/budgets")
    String create(@Valid @ModelAttribute("budget") @Nullable BudgetRequest budget, BindingResult errors,
            HttpServletRequest request, Model model) {
        BudgetDefinition definition = definition(
                this.forms.ensure(budget, BudgetRequest.class, "budget", errors, request, model), errors);
        if (definition == null) {
            return form(model, null);
        }
        this.budgets.create(definition);
        return "redirect:/costs";
    }

    @PostMapping("/costs/budgets/{id}")
    String update(@PathVariable long id, @Valid @ModelAttribute("budget") @Nullable BudgetRequest budget,
            BindingResult errors, HttpServletRequest request, Model model) {
        BudgetDefinition definition = definition(
                this.forms.ensure(budget, BudgetRequest.class, "budget", errors, request, model), errors);
        if (definition == null) {
            return form(model, id);
        }
        if (!this.budgets.update(id, definition)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/costs";
    }

    @PostMapping("/costs/budgets/{id}/delete")
    String delete(@PathVariable long id) {
        if (!this.budgets.delete(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/costs";
    }

    /** The definition, or {@code null} with the reasons recorded against their fields. */
    private @Nullable BudgetDefinition definition(BudgetRequest budget, BindingResult errors) {
        if (errors.hasErrors()) {
            return null;
        }
        try {
            BudgetDefinition definition = budget.toDefinition(true);
            this.channels.check(definition.channelIds());
            return definition;
        }
        catch (InvalidFieldException ex) {
            try {
                errors.rejectValue(ex.field(), "invalid", String.valueOf(ex.getMessage()));
            }
            catch (RuntimeException notAField) {
                errors.reject("invalid", ex.field() + ": " + ex.getMessage());
            }
            return null;
        }
    }

    private static List<BudgetRequest.ThresholdRequest> withSpareRows(
            @Nullable List<BudgetRequest.ThresholdRequest> thresholds) {
        List<BudgetRequest.ThresholdRequest> rows = new ArrayList<>((thresholds != null) ? thresholds : List.of());
        int spare = Math.max(2, 5 - rows.size());
        for (int i = 0; i < spare && rows.size() < 10; i++) {
            rows.add(new BudgetRequest.ThresholdRequest(null, null, null));
        }
        return rows;
    }

    private String form(Model model, @Nullable Long id) {
        model.addAttribute("budgetId", id);
        model.addAttribute("periods", BudgetPeriod.values());
        model.addAttribute("scopes", BudgetScope.values());
        model.addAttribute("kinds", ThresholdKind.values());
        model.addAttribute("units", ThresholdUnit.values());
        model.addAttribute("severities", Severity.values());
        // the accounts to choose from: the inventory's, and the one the budget names even if it is gone
        java.util.TreeSet<String> accounts = new java.util.TreeSet<>();
        this.inventory.places().forEach((p) -> accounts.add(p.account()));
        if (model.getAttribute("budget") instanceof BudgetRequest shown && shown.account() != null
                && !shown.account().isBlank()) {
            accounts.add(shown.account());
        }
        model.addAttribute("accounts", accounts);
        ChannelDirectory directory = this.channelDirectory.getIfAvailable();
        model.addAttribute("channelChoices", (directory != null) ? directory.listed() : List.of());
        return "cost/budget-form";
    }

    /** The daily cost of the last 30 days, for costs.js. */
    private String dailyChart(CostReport report) {
        List<Long> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        report.daily().forEach((d) -> {
            xs.add(d.date().atStartOfDay(ZoneOffset.UTC).toEpochSecond());
            ys.add(d.cost().doubleValue());
        });
        return this.json.writeValueAsString(Map.of("x", xs, "unit", "USD a day", "bars", true,
                "series", List.of(Map.of("label", "Cost (USD)", "values", ys))));
    }

    /** Cumulative actual and forecast spend of a budget's period against its amount, for costs.js. */
    private String burnChart(BudgetStatus status) {
        List<Long> xs = new ArrayList<>();
        List<@Nullable Double> actual = new ArrayList<>();
        List<Double> forecast = new ArrayList<>();
        status.burn().forEach((d) -> {
            xs.add(d.day().atStartOfDay(ZoneOffset.UTC).toEpochSecond());
            actual.add((d.actual() != null) ? round(d.actual()) : null);
            forecast.add(round(d.forecast()));
        });
        Map<String, Object> actualSeries = new LinkedHashMap<>();
        actualSeries.put("label", "Actual (USD)");
        actualSeries.put("values", actual);
        return this.json.writeValueAsString(Map.of("x", xs, "unit", "USD", "limit", status.amount().doubleValue(),
                "limitLabel", "Budget", "series", List.of(actualSeries,
                        Map.of("label", "Forecast (USD)", "values", forecast, "dash", true))));
    }

    private static double round(double amount) {
        return Math.round(amount * 100) / 100.0;
    }
}
