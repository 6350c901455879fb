package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import dev.lambdalens.alerting.Severity;
import jakarta.validation.Valid;
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
        @Size(max = 10) @Valid @Nullable List<ThresholdRequest> thresholds) {

    public BudgetDefinition toDefinition() {
        List<BudgetDefinition.Threshold> defined = (this.thresholds == null) ? BudgetDefinition.defaultThresholds()
                : this.thresholds.stream().filter(Objects::nonNull).map(ThresholdRequest::toThreshold).toList();
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
    public record ThresholdRequest(@NotNull @Nullable ThresholdKind kind,
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be more than 0") @Nullable Double value,
            @Nullable ThresholdUnit unit) {

        BudgetDefinition.Threshold toThreshold() {
            return new BudgetDefinition.Threshold(Objects.requireNonNull(this.kind), Objects.requireNonNull(this.value),
                    (this.unit != null) ? this.unit : ThresholdUnit.PERCENT);
        }
    }
}
