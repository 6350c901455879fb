package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.alerting.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Everything a budget says, checked for consistency: the form and the API build one, the store keeps one.
 *
 * @param startsOn with a CUSTOM period, its first day
 * @param endsOn with a CUSTOM period, its last day (included)
 * @param scopeValue the function names or patterns (FUNCTIONS), or {@code key=value} (TAG)
 * @param account only this account's functions, or every account's when {@code null}
 * @param channelIds the channels its alerts go to; empty means every channel whose minimum severity it meets
 */
public record BudgetDefinition(String name, BigDecimal amount, BudgetPeriod period, @Nullable LocalDate startsOn,
        @Nullable LocalDate endsOn, BudgetScope scope, @Nullable String scopeValue, @Nullable String account,
        Severity severity, List<Long> channelIds, List<Threshold> thresholds) {

    public BudgetDefinition {
        channelIds = List.copyOf(channelIds);
        thresholds = List.copyOf(thresholds);
        if (name.isBlank()) {
            throw new InvalidFieldException("name", "a budget needs a name");
        }
        if (amount.signum() <= 0) {
            throw new InvalidFieldException("amount", "must be more than 0");
        }
        if (period == BudgetPeriod.CUSTOM) {
            if (startsOn == null || endsOn == null) {
                throw new InvalidFieldException((startsOn == null) ? "startsOn" : "endsOn",
                        "a CUSTOM period needs a first and a last day");
            }
            if (endsOn.isBefore(startsOn)) {
                throw new InvalidFieldException("endsOn", "must not be before the first day");
            }
            if (ChronoUnit.DAYS.between(startsOn, endsOn) >= 366) {
                throw new InvalidFieldException("endsOn", "a custom period is at most 366 days");
            }
        }
        else if (startsOn != null || endsOn != null) {
            throw new InvalidFieldException("startsOn", "a MONTHLY budget runs each calendar month; dates are for "
                    + "CUSTOM periods");
        }
        if (scope != BudgetScope.ACCOUNT && (scopeValue == null || scopeValue.isBlank())) {
            throw new InvalidFieldException("scopeValue", (scope == BudgetScope.TAG) ? "a TAG scope needs key=value"
                    : "a FUNCTIONS scope needs function names or patterns, separated by commas");
        }
        if (scope == BudgetScope.TAG && (scopeValue.indexOf('=') <= 0)) {
            throw new InvalidFieldException("scopeValue", "a tag scope is written key=value");
        }
        if (scope == BudgetScope.ACCOUNT && scopeValue != null && !scopeValue.isBlank()) {
            throw new InvalidFieldException("scopeValue", "an ACCOUNT scope takes no value: name the account instead");
        }
        if (thresholds.size() > 10) {
            throw new InvalidFieldException("thresholds", "at most 10 thresholds");
        }
        for (int i = 0; i < thresholds.size(); i++) {
            Threshold t = thresholds.get(i);
            if (!(t.value() > 0) || (t.unit() == ThresholdUnit.PERCENT && t.value() > 1000)) {
                throw new InvalidFieldException("thresholds[" + i + "].value",
                        (t.unit() == ThresholdUnit.PERCENT) ? "must be between 0 and 1000 percent" : "must be more than 0");
            }
        }
    }

    /** The thresholds a budget gets when none are given: 80% and 100% actual, 100% forecasted. */
    static List<Threshold> defaultThresholds() {
        return List.of(new Threshold(ThresholdKind.ACTUAL, 80, ThresholdUnit.PERCENT),
                new Threshold(ThresholdKind.ACTUAL, 100, ThresholdUnit.PERCENT),
                new Threshold(ThresholdKind.FORECASTED, 100, ThresholdUnit.PERCENT));
    }

    /** One threshold as defined. */
    public record Threshold(ThresholdKind kind, double value, ThresholdUnit unit) {
    }
}
