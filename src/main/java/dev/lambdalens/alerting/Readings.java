package dev.lambdalens.alerting;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * A signal's value as an on-call engineer reads it: three significant digits (but never fewer than the whole
 * number's digits), thousands grouped, whole counts as integers, and the unit as people write it ({@code 12.3%},
 * {@code 1,234 ms}, {@code 7}, {@code 512 MB}). charts.js formats the chart's legend the same way.
 */
final class Readings {

    private Readings() {
    }

    /**
     * @param unit a unit as {@link ConditionWords#unit} names it: {@code %}, {@code percent}, {@code count},
     * {@code milliseconds}, {@code megabytes}, {@code min}, or empty
     */
    static String format(double value, String unit) {
        String number = number(value);
        return switch (unit) {
            case "%", "percent" -> number + "%";
            case "milliseconds" -> number + " ms";
            case "megabytes" -> number + " MB";
            case "min" -> number + " min";
            default -> number;
        };
    }

    /** The number alone: {@code 40.3}, {@code 0.00123}, {@code 12,346}, {@code 7}. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal rounded = (Math.abs(value) >= 100)
                ? new BigDecimal(value).setScale(0, RoundingMode.HALF_UP)
                : new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_UP));
        DecimalFormat format = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
        String text = format.format(rounded.stripTrailingZeros());
        return text.equals("-0") ? "0" : text;
    }
}
