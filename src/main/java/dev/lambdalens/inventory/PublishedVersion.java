package dev.lambdalens.inventory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A published version of a function: an immutable snapshot of its code and configuration.
 *
 * @param lastModified when the version was published, {@code null} when not reported
 */
public record PublishedVersion(String version, @Nullable String codeSha256, int memoryMb,
        @Nullable Instant lastModified) {
}
