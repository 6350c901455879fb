package dev.lambdalens.collector.source.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.lambdalens.collector.source.Discovery;
import dev.lambdalens.collector.source.SourceRegion;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoMetricSourceTests {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:30Z");

    private static final SourceRegion US = new SourceRegion(DemoAccount.ACCOUNT_ID, "us-east-1");

    private static final SourceRegion EU = new SourceRegion(DemoAccount.ACCOUNT_ID, "eu-west-1");

    private final MutableClock clock = new MutableClock(NOW);

    private final DemoMetricSource source = new DemoMetricSource(this.clock);

    @Test
    void shouldSimulateAtLeastTwelveDistinctFunctionsInTwoRegions() {
        List<DiscoveredFunction> functions = this.source.regions()
            .stream()
            .flatMap((region) -> this.source.discover(region).functions().stream())
            .toList();
        assertThat(this.source.regions()).containsExactlyInAnyOrder(US, EU);
        assertThat(functions).hasSizeGreaterThanOrEqualTo(12);
        assertThat(functions).extracting(DiscoveredFunction::architecture)
            .contains(Architecture.ARM64, Architecture.X86_64);
        assertThat(functions).extracting(DiscoveredFunction::memoryMb).contains(128, 3072);
        assertThat(functions).allSatisfy((f) -> assertThat(f.memoryMb()).isBetween(128, 3072));
        assertThat(functions).filteredOn((f) -> f.reservedConcurrency() != null).isNotEmpty();
    }

    @Test
    void shouldReportAnAccountLimitPerRegionAndTheUnreservedShareOfIt() {
        Discovery us = this.source.discover(US);
        Discovery eu = this.source.discover(EU);
        assertThat(us.limits().concurrencyLimit()).isEqualTo(1000);
        assertThat(us.limits().unreservedConcurrencyLimit()).isEqualTo(1000 - 20);
        assertThat(eu.limits().concurrencyLimit()).isEqualTo(400);
    }

    @Test
    void shouldReturnTheSameNumbersForASettledWindowWhateverTheTimeOfTheFetch() {
        List<SeriesKey> series = allSeries(US);
        Instant start = NOW.minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Instant end = start.plus(Duration.ofHours(1));
        Map<SeriesKey, List<Point>> first = this.source.fetch(US, series, start, end);
        this.clock.advance(Duration.ofDays(2));
        Map<SeriesKey, List<Point>> later = new DemoMetricSource(this.clock).fetch(US, series, start, end);
        assertThat(later).isEqualTo(first);
        assertThat(first.values().stream().mapToInt(List::size).sum()).isGreaterThan(1000);
    }

    @Test
    void shouldReportRecentMinutesOnlyInPartUntilTheySettle() {
        SeriesKey invocations = SeriesKey.ofFunction(US.account(), US.region(), "orders-api", LambdaMetric.INVOCATIONS,
                Statistic.SUM);
        Instant minute = Instant.parse("2026-11-28T11:59:00Z");
        Instant afterMinute = minute.plusSeconds(60);
        double justEnded = valueAt(invocations, minute, afterMinute.plusSeconds(1));
        double twoMinutesLater = valueAt(invocations, minute, afterMinute.plus(Duration.ofMinutes(2)));
        double settled = valueAt(invocations, minute, afterMinute.plus(DemoMetricSource.SETTLE));
        double muchLater = valueAt(invocations, minute, afterMinute.plus(Duration.ofHours(5)));
        assertThat(justEnded).isLessThan(twoMinutesLater);
        assertThat(twoMinutesLater).isLessThan(settled);
        assertThat(muchLater).isEqualTo(settled);
    }

    @Test
    void shouldReportNothingForAMinuteThatHasNotEnded() {
        SeriesKey invocations = SeriesKey.ofFunction(US.account(), US.region(), "auth-authorizer",
                LambdaMetric.INVOCATIONS, Statistic.SUM);
        Instant current = NOW.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        assertThat(this.source.fetch(US, List.of(invocations), current, current.plusSeconds(60)).get(invocations))
            .isEmpty();
    }

    @Test
    void shouldLeaveIdleMinutesOfACronJobWithoutDatapoints() {
        SeriesKey invocations = SeriesKey.ofFunction(US.account(), US.region(), "nightly-report",
                LambdaMetric.INVOCATIONS, Statistic.SUM);
        Instant start = Instant.parse("2026-11-28T09:00:00Z");
        List<Point> points = this.source.fetch(US, List.of(invocations), start, start.plus(Duration.ofHours(1)))
            .get(invocations);
        // runs the first 8 minutes of every hour, silent the rest: absent, not zero
        assertThat(points).hasSize(8);
        assertThat(points).allSatisfy((p) -> assertThat(p.value()).isPositive());
    }

    @Test
    void shouldThrottleTheBurstyFunctionAtItsReservedConcurrency() {
        SeriesKey throttles = SeriesKey.ofFunction(US.account(), US.region(), "image-resizer", LambdaMetric.THROTTLES,
                Statistic.SUM);
        SeriesKey concurrency = SeriesKey.ofFunction(US.account(), US.region(), "image-resizer",
                LambdaMetric.CONCURRENT_EXECUTIONS, Statistic.MAXIMUM);
        Instant start = Instant.parse("2026-11-28T06:00:00Z");
        Map<SeriesKey, List<Point>> data = this.source.fetch(US, List.of(throttles, concurrency), start,
                start.plus(Duration.ofHours(2)));
        assertThat(data.get(throttles)).anySatisfy((p) -> assertThat(p.value()).isGreaterThan(100));
        assertThat(data.get(concurrency)).allSatisfy((p) -> assertThat(p.value()).isLessThanOrEqualTo(20));
        assertThat(data.get(concurrency)).anySatisfy((p) -> assertThat(p.value()).isEqualTo(20));
    }

    @Test
    void shouldRunThePdfRendererCloseToItsTimeout() {
        SeriesKey p99 = SeriesKey.ofFunction(US.account(), US.region(), "pdf-renderer", LambdaMetric.DURATION,
                Statistic.P99);
        Instant start = Instant.parse("2026-11-28T06:00:00Z");
        List<Point> points = this.source.fetch(US, List.of(p99), start, start.plus(Duration.ofHours(1))).get(p99);
        assertThat(points).allSatisfy((p) -> assertThat(p.value()).isBetween(20_000.0, 30_000.0));
        assertThat(points).anySatisfy((p) -> assertThat(p.value()).isGreaterThan(27_000.0));
    }

    @Test
    void shouldKeepClaimedAccountConcurrencyAboveUnreservedUseByTheReservations() {
        SeriesKey unreserved = SeriesKey.ofAccount(US.account(), US.region(),
                LambdaMetric.UNRESERVED_CONCURRENT_EXECUTIONS, Statistic.MAXIMUM);
        SeriesKey claimed = SeriesKey.ofAccount(US.account(), US.region(), LambdaMetric.CLAIMED_ACCOUNT_CONCURRENCY,
                Statistic.MAXIMUM);
        Instant start = Instant.parse("2026-11-28T06:00:00Z");
        Map<SeriesKey, List<Point>> data = this.source.fetch(US, List.of(unreserved, claimed), start,
                start.plus(Duration.ofMinutes(30)));
        for (int i = 0; i < 30; i++) {
            assertThat(data.get(claimed).get(i).value()).isEqualTo(data.get(unreserved).get(i).value() + 20);
        }
    }

    @Test
    void shouldRefuseSeriesOfAnotherRegionOrAnUnknownFunction() {
        SeriesKey euSeries = SeriesKey.ofFunction(EU.account(), EU.region(), "thumbnailer", LambdaMetric.INVOCATIONS,
                Statistic.SUM);
        SeriesKey unknown = SeriesKey.ofFunction(US.account(), US.region(), "nope", LambdaMetric.INVOCATIONS,
                Statistic.SUM);
        Instant start = Instant.parse("2026-11-28T06:00:00Z");
        assertThatIllegalArgumentException().isThrownBy(() -> this.source.fetch(US, List.of(euSeries), start,
                start.plusSeconds(60)));
        assertThatIllegalArgumentException().isThrownBy(() -> this.source.fetch(US, List.of(unknown), start,
                start.plusSeconds(60)));
    }

    private double valueAt(SeriesKey key, Instant minute, Instant now) {
        this.clock.set(now);
        List<Point> points = this.source.fetch(US, List.of(key), minute, minute.plusSeconds(60)).get(key);
        assertThat(points).hasSize(1);
        return points.get(0).value();
    }

    private List<SeriesKey> allSeries(SourceRegion region) {
        Set<String> names = this.source.discover(region)
            .functions()
            .stream()
            .map(DiscoveredFunction::name)
            .collect(Collectors.toSet());
        return names.stream()
            .flatMap((name) -> java.util.Arrays.stream(LambdaMetric.values())
                .filter((m) -> m.scope().perFunction() && !m.qualified())
                .flatMap((m) -> m.statistics()
                    .stream()
                    .map((s) -> SeriesKey.ofFunction(region.account(), region.region(), name, m, s))))
            .toList();
    }
}
