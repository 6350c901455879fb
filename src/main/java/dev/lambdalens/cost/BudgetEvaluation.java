package dev.lambdalens.cost;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.lambdalens.alerting.AlarmState;
import dev.lambdalens.alerting.AlertTarget;
import dev.lambdalens.alerting.ExternalAlerts;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.FunctionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Judges every budget's thresholds against its period's actual spend and forecast, and reports each threshold as an
 * alert through {@link ExternalAlerts}: a crossing is stored and notified like any alert, in the same transaction as
 * the threshold's own state. One failing budget never stops the others.
 */
@Service
class BudgetEvaluation {

    private static final Logger logger = LoggerFactory.getLogger(BudgetEvaluation.class);

    private final BudgetRepository budgets;

    private final CostLedger ledger;

    private final Inventory inventory;

    private final ExternalAlerts alerts;

    private final TransactionTemplate transaction;

    private final Clock clock;

    BudgetEvaluation(BudgetRepository budgets, CostLedger ledger, Inventory inventory, ExternalAlerts alerts,
            TransactionTemplate transaction, Clock clock) {
        this.budgets = budgets;
        this.ledger = ledger;
        this.inventory = inventory;
        this.alerts = alerts;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** One pass over every budget; returns the number of alert state changes. */
    synchronized int evaluateAll() {
        Periods periods = new Periods();
        int changes = 0;
        for (Budget budget : this.budgets.findAllByOrderByNameAsc()) {
            try {
                Integer changed = this.transaction.execute((status) -> evaluate(budget.id(), periods));
                changes += (changed != null) ? changed : 0;
            }
            catch (RuntimeException ex) {
                logger.error("Evaluating budget {} failed", budget.id(), ex);
            }
        }
        return changes;
    }

    /** Evaluates one budget now, as after it was created or changed. */
    int evaluate(long id) {
        Integer changed = this.transaction.execute((status) -> evaluate(id, new Periods()));
        return (changed != null) ? changed : 0;
    }

    /** Where one budget stands, without judging it. */
    BudgetStatus status(Budget budget) {
        return status(budget, new Periods());
    }

    /**
     * Creates or updates, in the caller's transaction, the alert rule that stands for the budget's thresholds, so
     * that what refers to it by name in the same provisioning file (a silence) finds it before the budget is judged.
     */
    void define(Budget budget) {
        define(budget, status(budget, new Periods()));
    }

    private void define(Budget budget, BudgetStatus status) {
        this.alerts.define(budget.alertSource(), "Budget: " + budget.name(), budget.severity(), "Spend of budget '"
                + budget.name() + "' ($" + budget.amount() + ") against its thresholds. " + status.method(),
                budget.channelIds());
    }

    private int evaluate(long id, Periods periods) {
        Budget budget = this.budgets.findById(id).orElse(null);
        if (budget == null) {
            return 0;
        }
        BudgetStatus status = status(budget, periods);
        String source = budget.alertSource();
        define(budget, status);
        Map<AlertTarget, ExternalAlerts.Report> reports = new LinkedHashMap<>();
        for (int i = 0; i < budget.thresholds().size(); i++) {
            BudgetThreshold threshold = budget.thresholds().get(i);
            BudgetStatus.ThresholdStatus judged = status.thresholds().get(i);
            double figure = (threshold.kind() == ThresholdKind.ACTUAL) ? status.actual() : status.forecast();
            String reason = String.format("%s spend $%.2f against $%.2f (%s) for %s to %s", threshold.kind(), figure,
                    judged.limit(), judged.label(), status.from(), status.to().minusDays(1));
            reports.put(new AlertTarget((budget.account() != null) ? budget.account() : "all", "all", judged.label()),
                    new ExternalAlerts.Report(judged.crossed() ? AlarmState.ALARM : AlarmState.OK, reason,
                            List.of(figure, judged.limit())));
        }
        return this.alerts.report(source, reports);
    }

    /** The budget's current period, judged: ACTUAL thresholds remember their crossing for the rest of the period. */
    BudgetStatus status(Budget budget, Periods periods) {
        LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
        LocalDate[] period = budget.periodOf(today);
        CostLedger.Forecast forecast = periods.forecast(period[0], period[1]);
        Predicate<CostLine> counted = periods.scope(budget);
        List<CostLine> actualLines = forecast.actual().lines().stream().filter(counted).toList();
        List<CostLine> forecastLines = forecast.lines().stream().filter(counted).toList();
        double actual = actualLines.stream().mapToDouble(CostLine::total).sum();
        double projected = forecastLines.stream().mapToDouble(CostLine::total).sum();
        List<BudgetStatus.ThresholdStatus> thresholds = new ArrayList<>();
        for (BudgetThreshold threshold : budget.thresholds()) {
            double limit = threshold.limit(budget.amount());
            double figure = (threshold.kind() == ThresholdKind.ACTUAL) ? actual : projected;
            thresholds.add(new BudgetStatus.ThresholdStatus(threshold.label(), threshold.kind(), limit,
                    threshold.judge(period[0], figure, limit)));
        }
        return new BudgetStatus(budget.id(), budget.name(), budget.amount(), period[0], period[1], actual, projected,
                forecast.method(), thresholds, burn(period[0], period[1], today, actualLines, forecastLines));
    }

    private static List<BudgetStatus.BurnDay> burn(LocalDate from, LocalDate to, LocalDate today,
            List<CostLine> actual, List<CostLine> forecast) {
        Map<LocalDate, Double> actualByDay = byDay(actual);
        Map<LocalDate, Double> forecastByDay = byDay(forecast);
        List<BudgetStatus.BurnDay> burn = new ArrayList<>();
        double actualSum = 0;
        double forecastSum = 0;
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            actualSum += actualByDay.getOrDefault(day, 0.0);
            forecastSum += forecastByDay.getOrDefault(day, 0.0);
            burn.add(new BudgetStatus.BurnDay(day, day.isAfter(today) ? null : actualSum, forecastSum));
        }
        return burn;
    }

    private static Map<LocalDate, Double> byDay(List<CostLine> lines) {
        Map<LocalDate, Double> days = new TreeMap<>();
        lines.forEach((l) -> days.merge(l.day(), l.total(), Double::sum));
        return days;
    }

    /** The forecasts of one pass, computed once per period however many budgets share it. */
    final class Periods {

        private final Map<String, CostLedger.Forecast> forecasts = new HashMap<>();

        private Map<FunctionRef, Map<String, String>> tags;

        CostLedger.Forecast forecast(LocalDate from, LocalDate to) {
            return this.forecasts.computeIfAbsent(from + "/" + to, (k) -> BudgetEvaluation.this.ledger.forecast(from, to));
        }

        Predicate<CostLine> scope(Budget budget) {
            if (this.tags == null) {
                this.tags = new HashMap<>();
                for (FunctionSummary f : BudgetEvaluation.this.inventory.functions()) {
                    this.tags.put(new FunctionRef(f.account(), f.region(), f.name()), f.tags());
                }
            }
            return (line) -> budget.counts(line.function(), this.tags.getOrDefault(line.function(), Map.of()));
        }
    }
}
