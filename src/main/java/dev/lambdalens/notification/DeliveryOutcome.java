package dev.lambdalens.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * What a receiver's answer means for a delivery: a 2xx (Teams Workflows answer {@code 202 Accepted}) is delivered;
 * a permanent refusal (400, 403, 404, 410: a webhook deleted, a URL mistyped, a payload refused) is given up after
 * {@code permanentAttempts} rather than retried for a day; a 429 waits for its {@code Retry-After} (seconds or an
 * HTTP date) when that is longer than the backoff; anything else backs off and retries.
 */
final class DeliveryOutcome {

    private DeliveryOutcome() {
    }

    /** A receiver's answer. */
    record Answer(int status, @Nullable String retryAfter) {

        boolean delivered() {
            return this.status >= 200 && this.status < 300;
        }

        /** The receiver says the request itself is wrong or its address is gone: retrying cannot help. */
        boolean permanentRefusal() {
            return this.status == 400 || this.status == 403 || this.status == 404 || this.status == 410;
        }

        /** The wait the receiver asked for, or {@code null}. */
        @Nullable Duration retryAfter(Instant now) {
            if (this.retryAfter == null || this.retryAfter.isBlank()) {
                return null;
            }
            String value = this.retryAfter.trim();
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
            }
            catch (NumberFormatException ex) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
                }
                catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
    }
}
