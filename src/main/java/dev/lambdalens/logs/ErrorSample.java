package dev.lambdalens.logs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One stored occurrence of an error group, truncated and redacted, with the request it failed. */
public record ErrorSample(@Nullable String requestId, long seenAtMs, String text) {

    public Instant seenAt() {
        return Instant.ofEpochMilli(this.seenAtMs);
    }
}
