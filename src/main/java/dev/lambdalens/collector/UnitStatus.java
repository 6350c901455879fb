package dev.lambdalens.collector;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How one work unit (the collection or the discovery of one account and region) is going.
 *
 * @param kind {@code COLLECTION} or {@code DISCOVERY}
 * @param owner the instance that runs it, or ran it last
 * @param running whether a run has started and not ended (or its holder died and the lease has not run out yet)
 * @param lastRunAt when its last run started
 * @param durationMs how long its last finished run took
 * @param nextRunAt when it is due again
 * @param lagSeconds how far behind its due time it is now: 0 when not due yet
 * @param lastError the last failure; with {@code lastErrorAt} after {@code lastSuccessAt} the unit is failing
 * @param detail what the last run had to say besides (discovery: the functions whose details could not be read)
 * @param takeovers how often an instance took it over from a holder whose lease ran out
 * @param failingSince the end of the first of the failed runs since its last success; {@code null} while it works
 */
public record UnitStatus(String kind, String account, String region, @Nullable String owner, boolean running,
        @Nullable Instant lastRunAt, @Nullable Long durationMs, @Nullable Instant nextRunAt, long lagSeconds,
        @Nullable Instant lastSuccessAt, @Nullable String lastError, @Nullable Instant lastErrorAt,
        @Nullable String detail, long runs, long takeovers, @Nullable Instant failingSince) {

    /** Whether its last run failed. */
    public boolean failing() {
        return this.lastErrorAt != null && (this.lastSuccessAt == null || this.lastErrorAt.isAfter(this.lastSuccessAt));
    }
}
