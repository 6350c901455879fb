package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.alerting.ChannelReferences;
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
        @Nullable BigDecimal amount, @Nullable BudgetPeriod period,
        @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE)
        @Nullable LocalDate startsOn,
        @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE)
        @Nullable LocalDate endsOn, @Nullable BudgetScope scope, @Size(max = 1000) @Nullable String scopeValue,
        @Pattern(regexp = "\\d{12}", message = "must be a 12-digit account id") @Nullable String account,
        @Nullable Severity severity,
        @Size(max = ChannelReferences.MAX_CHANNELS, message = "name at most {max} channels")
        @Nullable List<Long> channelIds,
        @Size(max = 10) @Nullable List<ThresholdRequest> thresholds) {

    public BudgetRequest {
        // a form may send rows 0 and 3 only: the rows between are blank rows, not holes a page cannot show
        if (thresholds != null && thresholds.stream().anyMatch(Objects::isNull)) {
            thresholds = thresholds.stream().map((t) -> (t != null) ? t : new ThresholdRequest(null, null, null))
                .toList();
        }
    }

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

        static final double MAX_PERCENT = 10_000;

        static final double MAX_USD = 1e12;

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
            ThresholdUnit unit = (this.unit != null) ? this.unit : ThresholdUnit.PERCENT;
            // bounded so that the threshold's label ("ACTUAL >= $80") stays a short text
            double max = (unit == ThresholdUnit.PERCENT) ? MAX_PERCENT : MAX_USD;
            if (!Double.isFinite(this.value) || this.value <= 0 || this.value > max) {
                throw new InvalidFieldException("thresholds[" + index + "].value", (unit == ThresholdUnit.PERCENT)
                        ? "must be a percentage above 0 and at most 10,000" : "must be an amount above 0 and at most 1,000,000,000,000 USD");
            }
            return new BudgetDefinition.Threshold(this.kind, this.value, unit);
        }
    }
}
