package dev.lambdalens.collector;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What is known of one work unit's runs, as stored in {@code work_unit}.
 *
 * @param owner the instance that ran (or runs) the unit last
 * @param startedAt when its last run started
 * @param endedAt when its last run ended; before {@code startedAt} while it runs (or when its holder died)
 * @param nextRunAt when it is due again
 * @param detail what the last run has to say besides success or failure (discovery: the functions that failed)
 * @param fullRefreshAt when discovery last asked every function for its details
 */
record UnitRow(String name, String kind, String account, String region, @Nullable String owner,
        @Nullable Instant startedAt, @Nullable Instant endedAt, @Nullable Long durationMs, @Nullable Instant nextRunAt,
        @Nullable Instant lastSuccessAt, @Nullable String lastError, @Nullable Instant lastErrorAt,
        @Nullable String detail, @Nullable Instant fullRefreshAt, long runs, long takeovers,
        @Nullable Instant failingSince) {

    boolean running() {
        return this.startedAt != null && (this.endedAt == null || this.endedAt.isBefore(this.startedAt));
    }

    boolean dueAt(Instant now) {
        return this.nextRunAt == null || !this.nextRunAt.isAfter(now);
    }
}
