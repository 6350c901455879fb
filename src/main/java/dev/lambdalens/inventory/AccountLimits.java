package dev.lambdalens.inventory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The Lambda concurrency limits of one account in one region. A {@code null} limit is unknown: the source did not
 * report it (some emulators and restricted roles refuse GetAccountSettings), and LambdaLens never invents one.
 *
 * @param account the 12-digit AWS account id
 * @param region the AWS region
 * @param concurrencyLimit {@code AccountLimit.ConcurrentExecutions}
 * @param unreservedConcurrencyLimit {@code AccountLimit.UnreservedConcurrentExecutions}
 * @param checkedAt when the source was last asked
 */
public record AccountLimits(String account, String region, @Nullable Integer concurrencyLimit,
        @Nullable Integer unreservedConcurrencyLimit, Instant checkedAt) {

    /** Limits of a region whose source did not report them. */
    public static AccountLimits unknown(String account, String region, Instant checkedAt) {
        return new AccountLimits(account, region, null, null, checkedAt);
    }
}
