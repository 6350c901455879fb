package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.jspecify.annotations.Nullable;

/**
 * One threshold of a budget, and the period in which it was last crossed (an ACTUAL threshold notifies once a period).
 */
@Embeddable
class BudgetThreshold {

    @Enumerated(EnumType.STRING)
    private ThresholdKind kind;

    @Column(name = "amount")
    private double value;

    @Enumerated(EnumType.STRING)
    private ThresholdUnit unit;

    private @Nullable LocalDate crossedPeriod;

    @SuppressWarnings("NullAway.Init")
    protected BudgetThreshold() {
        // for JPA
    }

    BudgetThreshold(ThresholdKind kind, double value, ThresholdUnit unit) {
        this.kind = kind;
        this.value = value;
        this.unit = unit;
    }

    ThresholdKind kind() {
        return this.kind;
    }

    double value() {
        return this.value;
    }

    ThresholdUnit unit() {
        return this.unit;
    }

    /** The threshold in USD for a budget of {@code amount}. */
    double limit(BigDecimal amount) {
        return (this.unit == ThresholdUnit.PERCENT) ? amount.doubleValue() * this.value / 100 : this.value;
    }

    /**
     * Whether the threshold is crossed in the period starting on {@code periodStart}, given the figure it is compared
     * with: an ACTUAL threshold stays crossed for the rest of the period once crossed, a FORECASTED one follows the
     * forecast.
     */
    boolean judge(LocalDate periodStart, double figure, double limit) {
        boolean over = figure >= limit;
        if (this.kind == ThresholdKind.FORECASTED) {
            return over;
        }
        if (over) {
            this.crossedPeriod = periodStart;
        }
        return periodStart.equals(this.crossedPeriod);
    }

    /** How the threshold reads, such as {@code ACTUAL >= 80%}. */
    String label() {
        String amount = (this.unit == ThresholdUnit.PERCENT) ? trim(this.value) + "%" : "$" + trim(this.value);
        return this.kind + " >= " + amount;
    }

    private static String trim(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
