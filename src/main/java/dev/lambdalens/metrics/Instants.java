package dev.lambdalens.metrics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads the instants of API parameters: ISO-8601 with {@code Z} or an offset, or epoch seconds.
 */
public final class Instants {

    private Instants() {
    }

    /** Parses {@code value} or fails naming {@code parameter}. */
    public static Instant parse(String parameter, String value) {
        String trimmed = value.trim();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit) && trimmed.length() <= 12) {
            return Instant.ofEpochSecond(Long.parseLong(trimmed));
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        }
        catch (DateTimeParseException ex) {
            throw new InvalidParameterException(parameter, parameter + " '" + value
                    + "' is not an ISO-8601 date-time with offset (such as 2026-11-28T10:00:00Z) or epoch seconds");
        }
    }
}
