package dev.lambdalens.collector.source.demo;

import java.time.Duration;
import java.util.SplittableRandom;

import dev.lambdalens.metrics.MetricAvailability;
import dev.lambdalens.metrics.SeriesKey;
import org.jspecify.annotations.Nullable;

/**
 * The trigger metrics of the demo's functions for one minute, derived from the minute's invocations so that they
 * agree with them (dropped never above received, spillover never above invocations). Every six hours the Kinesis
 * consumer falls behind for two hours and catches up, and the S3-triggered function's events age until Lambda drops
 * them; the SQS consumer fails and drops some messages all the time; search-api spills over its provisioned
 * concurrency at its daily peak; checkout-api's canary version fails and runs slower than the stable one.
 */
final class TriggerSimulation {

    static final Duration INCIDENT_EVERY = Duration.ofHours(6);

    /** The Kinesis consumer falls behind from 04:30, 10:30, 16:30 and 22:30 UTC for two hours. */
    static final Duration LAG_FROM = Duration.ofMinutes(270);

    static final Duration LAG_FOR = Duration.ofHours(2);

    /** How far behind it falls each minute of the incident, and how fast it catches up afterwards. */
    static final double LAG_GROWTH_MS_PER_MINUTE = 45_000;

    static final double CATCH_UP_MS_PER_MINUTE = 180_000;

    /** upload-scanner's events age from 05:00, 11:00, 17:00 and 23:00 UTC for ninety minutes. */
    static final Duration AGE_FROM = Duration.ofHours(5);

    static final Duration AGE_FOR = Duration.ofMinutes(90);

    static final double AGE_GROWTH_MS_PER_MINUTE = 40_000;

    /** The share of upload-scanner's events dropped once they reach the maximum event age. */
    static final double DROPPED_WHEN_EXPIRED = 0.4;

    /** refund-worker's messages per invocation, and the share of failed ones it gives up on. */
    static final int REFUND_BATCH = 4;

    static final double REFUNDS_DROPPED_OF_FAILED = 0.25;

    /** checkout-api's canary: the share of the function's errors it makes, and how much slower it runs. */
    static final double CANARY_SHARE_OF_ERRORS = 0.3;

    static final double CANARY_SLOWER = 1.25;

    private TriggerSimulation() {
    }

    /** Whether the metric is one only some functions have, by their triggers (the ones simulated here). */
    static boolean simulates(SeriesKey key) {
        MetricAvailability availability = key.metric().availability();
        return availability != MetricAvailability.ALWAYS && availability != MetricAvailability.LAMBDA_INSIGHTS
                && availability != MetricAvailability.LOGS;
    }

    /** The series' value in the minute, or {@code null} where CloudWatch would have no datapoint. */
    static @Nullable Double valueOf(SeriesKey key, DemoFunction function, FunctionMinute minute, long minuteEpoch) {
        if (minute.invocations() <= 0) {
            return null;
        }
        SplittableRandom random = new SplittableRandom(minuteEpoch * 31 + function.name().hashCode());
        String qualifier = key.qualifier();
        return switch (function.name()) {
            case DemoTriggers.CLICKSTREAM -> switch (key.metric()) {
                case ITERATOR_AGE -> (double) Math.round(iteratorAgeMs(minuteEpoch, random));
                case DESTINATION_DELIVERY_FAILURES -> 0.0;
                default -> null;
            };
            case DemoTriggers.REFUNDS -> refunds(key, minute, qualifier);
            case DemoTriggers.UPLOADS -> uploads(key, minute, minuteEpoch, random);
            case DemoTriggers.SEARCH -> DemoTriggers.SEARCH_ALIAS.equals(qualifier) ? provisioned(key, minute) : null;
            case DemoTriggers.CHECKOUT -> rollout(key, minute, qualifier);
            default -> null;
        };
    }

    /** How far behind the Kinesis consumer is: a second or so, minutes during an incident, then catching up. */
    static double iteratorAgeMs(long minuteEpoch, SplittableRandom random) {
        double base = 300 + 1_200 * random.nextDouble();
        long into = minutesInto(minuteEpoch, LAG_FROM);
        long incident = LAG_FOR.toMinutes();
        if (into < incident) {
            return base + into * LAG_GROWTH_MS_PER_MINUTE;
        }
        double behind = incident * LAG_GROWTH_MS_PER_MINUTE - (into - incident) * CATCH_UP_MS_PER_MINUTE;
        return base + Math.max(0, behind);
    }

    /** How old upload-scanner's oldest event is when invoked: capped by the maximum event age, beyond it dropped. */
    static double asyncEventAgeMs(long minuteEpoch, SplittableRandom random) {
        double base = 80 + 900 * random.nextDouble();
        long into = minutesInto(minuteEpoch, AGE_FROM);
        double maximum = DemoTriggers.UPLOADS_MAXIMUM_EVENT_AGE_SECONDS * 1000.0;
        if (into < AGE_FOR.toMinutes()) {
            return Math.min(maximum, base + into * AGE_GROWTH_MS_PER_MINUTE);
        }
        double draining = maximum - (into - AGE_FOR.toMinutes()) * 2 * AGE_GROWTH_MS_PER_MINUTE;
        return Math.max(base, Math.min(maximum, draining));
    }

    private static @Nullable Double refunds(SeriesKey key, FunctionMinute minute, @Nullable String qualifier) {
        if (qualifier != null && !DemoTriggers.REFUNDS_MAPPING.equals(qualifier)) {
            return null;
        }
        long polled = minute.invocations() * REFUND_BATCH;
        long failed = minute.errors() * REFUND_BATCH;
        long dropped = Math.round(failed * REFUNDS_DROPPED_OF_FAILED);
        return switch (key.metric()) {
            case POLLED_EVENT_COUNT, INVOKED_EVENT_COUNT -> (double) polled;
            case FAILED_INVOKE_EVENT_COUNT -> (double) failed;
            case DROPPED_EVENT_COUNT -> (double) dropped;
            case DELETED_EVENT_COUNT -> (double) (polled - failed);
            case FILTERED_OUT_EVENT_COUNT -> 0.0;
            default -> null;
        };
    }

    private static @Nullable Double uploads(SeriesKey key, FunctionMinute minute, long minuteEpoch,
            SplittableRandom random) {
        double age = asyncEventAgeMs(minuteEpoch, random);
        boolean expired = age >= DemoTriggers.UPLOADS_MAXIMUM_EVENT_AGE_SECONDS * 1000.0;
        long received = minute.invocations();
        long dropped = expired ? Math.round(received * DROPPED_WHEN_EXPIRED) : 0;
        return switch (key.metric()) {
            case ASYNC_EVENTS_RECEIVED -> (double) received;
            case ASYNC_EVENT_AGE -> (double) Math.round(age);
            case ASYNC_EVENTS_DROPPED -> (double) dropped;
            // the failure destination is a queue that throttles a little while the drops pour in
            case DESTINATION_DELIVERY_FAILURES -> (double) (dropped / 10);
            default -> null;
        };
    }

    private static @Nullable Double provisioned(SeriesKey key, FunctionMinute minute) {
        long allocated = DemoTriggers.SEARCH_PROVISIONED;
        long inUse = Math.min(minute.concurrency(), allocated);
        long spillover = (minute.concurrency() > allocated)
                ? Math.round(minute.invocations() * (double) (minute.concurrency() - allocated) / minute.concurrency())
                : 0;
        return switch (key.metric()) {
            case PROVISIONED_CONCURRENT_EXECUTIONS -> (double) inUse;
            case PROVISIONED_CONCURRENCY_UTILIZATION -> Math.round(inUse * 1000.0 / allocated) / 1000.0;
            case PROVISIONED_CONCURRENCY_INVOCATIONS -> (double) (minute.invocations() - spillover);
            case PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS -> (double) spillover;
            default -> null;
        };
    }

    /**
     * checkout-api's versions behind its weighted alias: the canary runs its tenth of the invocations, with three
     * tenths of the errors and slower, the stable version the rest, so that both add up to the function's minute.
     */
    private static @Nullable Double rollout(SeriesKey key, FunctionMinute minute, @Nullable String qualifier) {
        String prefix = DemoTriggers.CHECKOUT_ALIAS + ":";
        if (qualifier == null || !qualifier.startsWith(prefix)) {
            return null;
        }
        boolean canary = qualifier.equals(prefix + DemoTriggers.CHECKOUT_CANARY);
        if (!canary && !qualifier.equals(prefix + DemoTriggers.CHECKOUT_STABLE)) {
            return null;
        }
        long canaryInvocations = Math.round(minute.invocations() * DemoTriggers.CHECKOUT_CANARY_WEIGHT);
        long canaryErrors = Math.min(canaryInvocations, Math.round(minute.errors() * CANARY_SHARE_OF_ERRORS));
        long invocations = canary ? canaryInvocations : minute.invocations() - canaryInvocations;
        if (invocations == 0) {
            return null; // a version that ran nothing that minute has no datapoint
        }
        double canarySum = minute.durationAverage() * CANARY_SLOWER * canaryInvocations;
        double sum = canary ? canarySum : Math.max(invocations, minute.durationSum() - canarySum);
        return switch (key.metric()) {
            case VERSION_INVOCATIONS -> (double) invocations;
            case VERSION_ERRORS -> (double) (canary ? canaryErrors : minute.errors() - canaryErrors);
            case VERSION_DURATION -> switch (key.statistic()) {
                case SUM -> Math.round(sum * 100) / 100.0;
                case P99 -> Math.round(minute.durationP99() * (canary ? CANARY_SLOWER : 1) * 100) / 100.0;
                default -> null;
            };
            default -> null;
        };
    }

    private static long minutesInto(long minuteEpoch, Duration from) {
        return Math.floorMod(minuteEpoch - from.toSeconds(), INCIDENT_EVERY.toSeconds()) / 60;
    }
}
