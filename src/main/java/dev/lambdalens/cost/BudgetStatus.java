package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Where a budget stands in its current period.
 *
 * @param to the end of the period, excluded
 * @param actual the spend so far in the period
 * @param forecast the spend the period is heading for
 * @param method how the forecast was made
 * @param burn per day of the period: the cumulative actual spend (up to today) and forecast
 */
public record BudgetStatus(long id, String name, BigDecimal amount, LocalDate from, LocalDate to, double actual,
        double forecast, String method, List<ThresholdStatus> thresholds, List<BurnDay> burn) {

    /** The actual spend as a percentage of the amount. */
    public double actualPercent() {
        return this.actual * 100 / this.amount.doubleValue();
    }

    public double forecastPercent() {
        return this.forecast * 100 / this.amount.doubleValue();
    }

    /** One threshold: its limit in USD, and whether it is crossed. */
    public record ThresholdStatus(String label, ThresholdKind kind, double limit, boolean crossed) {
    }

    /** One day of the burn chart. */
    public record BurnDay(LocalDate day, Double actual, double forecast) {
    }
}
