package dev.lambdalens.collector.source.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.InvocationSetup;
import dev.lambdalens.inventory.PublishedVersion;

/**
 * The demo's deployments: email-sender's team benchmarks its memory from production traffic, as the Lambda best
 * practices ask. Every day at 06:00 UTC a deployment publishes a version that switches it between 256 MB and 512 MB;
 * with twice the memory (and CPU) its work takes {@code 2^-0.7} of the time. A pure function of time, like the rest of
 * the demo, so that any re-fetch returns what was returned before, and a deployment lies within the last day of
 * whenever the demo runs.
 */
final class DemoDeployments {

    static final String FUNCTION = "email-sender";

    /** When the day's deployment happens, after midnight UTC. */
    static final Duration AT = Duration.ofHours(6);

    /** The versions listed: those of the last three deployments. */
    static final int VERSIONS_LISTED = 3;

    /** Version numbers count deployment days from here, so that they read as a function's do (hundreds). */
    private static final long FIRST_DAY = 20_000;

    private static final String CODE_SHA256 = "xV6TRd0xGq3bO7ZRB2yqD0nYJ3Ug7m8A9hN2kF5sLwE=";

    private DemoDeployments() {
    }

    /** The function as deployed at an instant: the demo function itself unless it is the one deployed daily. */
    static DemoFunction asOf(DemoFunction function, long epochSecond) {
        if (!FUNCTION.equals(function.name())) {
            return function;
        }
        int memory = memoryMb(function.memoryMb(), day(epochSecond));
        double duration = function.meanDurationMs() * Math.pow((double) function.memoryMb() / memory, 0.7);
        return new DemoFunction(function.region(), function.name(), function.runtime(), function.architecture(),
                memory, function.timeoutSeconds(), function.reservedConcurrency(), function.codeSizeBytes(),
                function.tags(), function.traffic(), duration, function.p99Factor(), function.errorRate(),
                function.incidents());
    }

    /**
     * The function as discovery reports it at {@code now}: for the one deployed daily, the memory of the last
     * deployment, its time as the last-modified time, and the versions of the last deployments (what tells a first
     * discovery of the change).
     */
    static DiscoveredFunction discovered(DiscoveredFunction configured, Instant now) {
        if (!FUNCTION.equals(configured.name())) {
            return configured;
        }
        long today = day(now.getEpochSecond());
        List<PublishedVersion> versions = LongStream.rangeClosed(today - VERSIONS_LISTED + 1, today)
            .mapToObj((day) -> new PublishedVersion(String.valueOf(day - FIRST_DAY), CODE_SHA256,
                    memoryMb(configured.memoryMb(), day), deployedAt(day)))
            .toList();
        DiscoveredFunction d = configured;
        return new DiscoveredFunction(d.account(), d.region(), d.name(), d.arn(), d.runtime(), d.architecture(),
                memoryMb(d.memoryMb(), today), d.timeoutSeconds(), d.reservedConcurrency(), d.codeSizeBytes(),
                d.tags(), d.layerCount(), d.layersCodeSizeBytes(), d.vpcId(), d.ephemeralStorageMb(),
                deployedAt(today), d.lambdaInsights(), null, CODE_SHA256,
                new InvocationSetup(null, null, Set.of(), List.of(), versions, List.of()));
    }

    /** The deployment day an instant falls in: from one day's 06:00 UTC to the next day's. */
    static long day(long epochSecond) {
        return Math.floorDiv(epochSecond - AT.toSeconds(), 86_400);
    }

    static Instant deployedAt(long day) {
        return Instant.ofEpochSecond(day * 86_400 + AT.toSeconds());
    }

    /** Twice the configured memory from an odd day's deployment, as configured from an even day's. */
    static int memoryMb(int configuredMb, long day) {
        return (Math.floorMod(day, 2) == 1) ? configuredMb * 2 : configuredMb;
    }
}
