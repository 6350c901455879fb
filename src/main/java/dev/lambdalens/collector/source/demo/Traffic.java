package dev.lambdalens.collector.source.demo;

import java.time.Duration;

/**
 * How many invocations a simulated function is asked for in one minute, before throttling.
 */
@FunctionalInterface
interface Traffic {

    double demand(long minuteEpoch);

    /** An API following the working day: {@code low} at night, {@code high} at {@code peakHourUtc}. */
    static Traffic diurnal(double low, double high, int peakHourUtc) {
        return (minute) -> {
            double hours = (minute % 86_400) / 3_600.0;
            double phase = Math.cos(2 * Math.PI * (hours - peakHourUtc) / 24);
            return low + (high - low) * (phase + 1) / 2;
        };
    }

    /** A scheduled job: every {@code period}, {@code perMinute} invocations for {@code active}, silent otherwise. */
    static Traffic cron(Duration period, Duration offset, Duration active, double perMinute) {
        long periodSeconds = period.toSeconds();
        return (minute) -> {
            long intoPeriod = Math.floorMod(minute - offset.toSeconds(), periodSeconds);
            return (intoPeriod < active.toSeconds()) ? perMinute : 0;
        };
    }

    /** Background load with bursts of {@code burst} per minute lasting {@code burstLength} every {@code every}. */
    static Traffic bursty(double base, double burst, Duration every, Duration burstLength) {
        long everySeconds = every.toSeconds();
        return (minute) -> (Math.floorMod(minute, everySeconds) < burstLength.toSeconds()) ? burst : base;
    }

    static Traffic steady(double perMinute) {
        return (minute) -> perMinute;
    }
}
