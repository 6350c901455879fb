package dev.lambdalens.inventory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One stretch of time during which an alias or version of a function kept the same provisioned concurrency allocated:
 * what the bill charges for, used or not.
 *
 * @param qualifier the alias or version it is configured on
 * @param allocated the environments allocated
 * @param memoryMb the memory of the version the environments run (an alias's version), in MB
 * @param from when the allocation began (the configuration's last change where discovery saw it, else when
 *     discovery first saw it)
 * @param to when it ended, {@code null} while it lasts
 */
public record ProvisionedAllocation(String account, String region, String function, String qualifier, int allocated,
        int memoryMb, Instant from, @Nullable Instant to) {

    /** Environments times memory (GB) times the seconds of [start, end) the allocation covers. */
    public double gbSeconds(Instant start, Instant end) {
        Instant first = this.from.isAfter(start) ? this.from : start;
        Instant last = (this.to != null && this.to.isBefore(end)) ? this.to : end;
        if (!last.isAfter(first)) {
            return 0;
        }
        return this.allocated * (this.memoryMb / 1024.0) * (last.toEpochMilli() - first.toEpochMilli()) / 1000.0;
    }

    /** Whether it still lasts at {@code at}. */
    public boolean lastsAt(Instant at) {
        return !this.from.isAfter(at) && (this.to == null || this.to.isAfter(at));
    }
}
