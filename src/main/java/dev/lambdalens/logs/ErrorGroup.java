package dev.lambdalens.logs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One group of a function's errors: everything with the same fingerprint, first and last seen (epoch ms).
 */
public record ErrorGroup(long id, String account, String region, String function, String fingerprint, String type,
        String message, @Nullable String topFrame, long firstSeenMs, long lastSeenMs, long occurrences) {

    public Instant firstSeen() {
        return Instant.ofEpochMilli(this.firstSeenMs);
    }

    public Instant lastSeen() {
        return Instant.ofEpochMilli(this.lastSeenMs);
    }
}
