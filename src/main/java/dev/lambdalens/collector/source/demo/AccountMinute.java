package dev.lambdalens.collector.source.demo;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The account-level figures of one region for one minute, derived from its functions the way Lambda reports them.
 *
 * @param claimed {@code ClaimedAccountConcurrency}: unreserved use plus every reserved concurrency setting
 */
record AccountMinute(long invocations, long errors, long throttles, long concurrency, long unreserved, long claimed) {

    static AccountMinute of(List<DemoFunction> functions, List<@Nullable FunctionMinute> minutes) {
        long invocations = 0;
        long errors = 0;
        long throttles = 0;
        long sum = 0;
        long peak = 0;
        long unreservedSum = 0;
        long unreservedPeak = 0;
        long reserved = 0;
        for (int i = 0; i < functions.size(); i++) {
            DemoFunction function = functions.get(i);
            Integer reservation = function.reservedConcurrency();
            if (reservation != null) {
                reserved += reservation;
            }
            FunctionMinute minute = minutes.get(i);
            if (minute == null) {
                continue;
            }
            invocations += minute.invocations();
            errors += minute.errors();
            throttles += minute.throttles();
            sum += minute.concurrency();
            peak = Math.max(peak, minute.concurrency());
            if (reservation == null) {
                unreservedSum += minute.concurrency();
                unreservedPeak = Math.max(unreservedPeak, minute.concurrency());
            }
        }
        // functions peak at different moments of the minute: the account peak lies between the largest and the sum
        long concurrency = Math.max(peak, Math.round(sum * 0.8));
        long unreserved = Math.max(unreservedPeak, Math.round(unreservedSum * 0.8));
        return new AccountMinute(invocations, errors, throttles, concurrency, unreserved, unreserved + reserved);
    }
}
