package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.alerting.Severity;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A budget as the API and the form send it; {@link #toDefinition()} applies the checks that span fields.
 *
 * @param thresholds {@code null} for the defaults (80% and 100% actual, 100% forecasted); empty for none
 */
public record BudgetRequest(@NotBlank @Size(max = 200) @Nullable String name,
        @NotNull @DecimalMin(value = "0.01", message = "must be at least 0.01")
        @Digits(integer = 12, fraction = 2, message = "must be an amount in USD with at most 2 decimals")
        @Nullable BigDecimal amount, @Nullable BudgetPeriod period, @Nullable LocalDate startsOn,
        @Nullable LocalDate endsOn, @Nullable BudgetScope scope, @Size(max = 1000) @Nullable String scopeValue,
        @Pattern(regexp = "\\d{12}", message = "must be a 12-digit account id") @Nullable String account,
        @Nullable Severity severity, @Nullable List<Long> channelIds,
        @Size(max = 10) @Nullable List<ThresholdRequest> thresholds) {

    public BudgetDefinition toDefinition() {
        return toDefinition(false);
    }

    /**
     * The definition, or an {@link InvalidFieldException} naming the field at fault.
     * @param dropBlankThresholds whether a threshold row with neither kind nor value is left out (the form's spare
     * rows) rather than refused
     */
    BudgetDefinition toDefinition(boolean dropBlankThresholds) {
        List<BudgetDefinition.Threshold> defined = new java.util.ArrayList<>();
        if (this.thresholds == null) {
            defined.addAll(BudgetDefinition.defaultThresholds());
        }
        else {
            for (int i = 0; i < this.thresholds.size(); i++) {
                ThresholdRequest t = this.thresholds.get(i);
                if (t == null || t.blank()) {
                    if (dropBlankThresholds) {
                        continue;
                    }
                    throw new InvalidFieldException("thresholds[" + i + "]", "needs a kind and a value");
                }
                defined.add(t.toThreshold(i));
            }
        }
        return new BudgetDefinition(Objects.requireNonNull(this.name), Objects.requireNonNull(this.amount),
                (this.period != null) ? this.period : BudgetPeriod.MONTHLY, this.startsOn, this.endsOn,
                (this.scope != null) ? this.scope : BudgetScope.ACCOUNT, blankToNull(this.scopeValue),
                blankToNull(this.account), (this.severity != null) ? this.severity : Severity.WARNING,
                (this.channelIds != null) ? this.channelIds.stream().filter(Objects::nonNull).toList() : List.of(),
                defined);
    }

    static BudgetRequest of(BudgetDefinition d) {
        return new BudgetRequest(d.name(), d.amount(), d.period(), d.startsOn(), d.endsOn(), d.scope(), d.scopeValue(),
                d.account(), d.severity(), d.channelIds(),
                d.thresholds().stream().map((t) -> new ThresholdRequest(t.kind(), t.value(), t.unit())).toList());
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    /** One threshold; the unit defaults to PERCENT. */
    public record ThresholdRequest(@Nullable ThresholdKind kind, @Nullable Double value, @Nullable ThresholdUnit unit) {

        boolean blank() {
            return this.kind == null && this.value == null;
        }

        BudgetDefinition.Threshold toThreshold(int index) {
            if (this.kind == null) {
                throw new InvalidFieldException("thresholds[" + index + "].kind", "must be ACTUAL or FORECASTED");
            }
            if (this.value == null) {
                throw new InvalidFieldException("thresholds[" + index + "].value", "must be given");
            }
            return new BudgetDefinition.Threshold(this.kind, this.value,
                    (this.unit != null) ? this.unit : ThresholdUnit.PERCENT);
        }
    }
}
