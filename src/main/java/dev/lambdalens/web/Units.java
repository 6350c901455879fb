package dev.lambdalens.web;

import java.text.NumberFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Figures in words as the trigger graph shows them: durations as people say them ("850 ms", "42 s", "1 h 12 min"),
 * counts as whole numbers with separators, no figure as "none".
 */
final class Units {

    private Units() {
    }

    static String duration(double milliseconds) {
        if (milliseconds < 1_000) {
            return Math.round(milliseconds) + " ms";
        }
        long seconds = Math.round(milliseconds / 1_000);
        if (seconds < 120) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 120) {
            return minutes + " min";
        }
        String hours = (minutes / 60) + " h";
        return (minutes % 60 > 0) ? hours + " " + (minutes % 60) + " min" : hours;
    }

    /** A whole number with separators: 12,346. */
    static String number(double value) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(Math.round(value));
    }

    /** A count of events over the last hour; CloudWatch omits minutes without any, so no datapoint reads "none". */
    static String count(@Nullable Double value) {
        if (value == null || Math.round(value) == 0) {
            return "none";
        }
        return number(value);
    }
}
