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
import dev.lambdalens.inventory.EventSourceKind;
import dev.lambdalens.inventory.EventSourceMapping;
import dev.lambdalens.inventory.InvocationSetup;
import dev.lambdalens.inventory.ProvisionedConcurrency;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

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

    @Test
    void shouldDiscoverTheTriggersOfTheFourFunctionsThatHaveThem() {
        Discovery us = this.source.discover(US);
        Discovery eu = this.source.discover(EU);
        assertThat(us.mappings()).extracting(EventSourceMapping::functionName, EventSourceMapping::kind,
                EventSourceMapping::eventCountMetrics)
            .containsExactlyInAnyOrder(tuple(DemoTriggers.CLICKSTREAM, EventSourceKind.KINESIS, false),
                    tuple(DemoTriggers.REFUNDS, EventSourceKind.SQS, true));
        assertThat(eu.mappings()).isEmpty();
        InvocationSetup uploads = setupOf(eu, DemoTriggers.UPLOADS);
        assertThat(uploads.asyncSources()).containsExactly("s3.amazonaws.com");
        assertThat(uploads.asyncInvocation().effectiveMaximumEventAgeSeconds()).isEqualTo(1_800);
        assertThat(setupOf(us, DemoTriggers.SEARCH).provisioned()).extracting(ProvisionedConcurrency::qualifier,
                ProvisionedConcurrency::allocated).containsExactly(tuple("live", 40));
        assertThat(setupOf(us, "orders-api")).isEqualTo(InvocationSetup.NONE);
    }

    @Test
    void shouldLetTheKinesisConsumerFallBehindDuringItsIncidentAndCatchUpAfterwards() {
        SeriesKey age = SeriesKey.ofFunction(US.account(), US.region(), DemoTriggers.CLICKSTREAM,
                LambdaMetric.ITERATOR_AGE, Statistic.MAXIMUM);
        Map<Long, Double> lag = values(US, age, "2026-11-28T04:00:00Z", "2026-11-28T07:30:00Z");
        assertThat(lag).hasSize(210);
        assertThat(lag.get(epoch("2026-11-28T04:29:00Z"))).isLessThan(2_000);
        assertThat(lag.get(epoch("2026-11-28T05:30:00Z"))).isGreaterThan(2_700_000.0);
        assertThat(lag.get(epoch("2026-11-28T06:29:00Z"))).isGreaterThan(5_300_000.0);
        assertThat(lag.get(epoch("2026-11-28T06:45:00Z"))).isBetween(2_000_000.0, 3_000_000.0);
        assertThat(lag.get(epoch("2026-11-28T07:01:00Z"))).isLessThan(2_000);
    }

    @Test
    void shouldKeepTriggerFiguresConsistentWithTheInvocationsOverTheTestsDay() {
        String from = "2026-11-27T12:00:00Z";
        String to = "2026-11-28T12:00:00Z";
        // upload-scanner: events age up to the maximum age, then some are dropped; never more than were received
        Map<Long, Double> received = values(EU, uploads(LambdaMetric.ASYNC_EVENTS_RECEIVED, Statistic.SUM), from, to);
        Map<Long, Double> dropped = values(EU, uploads(LambdaMetric.ASYNC_EVENTS_DROPPED, Statistic.SUM), from, to);
        Map<Long, Double> age = values(EU, uploads(LambdaMetric.ASYNC_EVENT_AGE, Statistic.MAXIMUM), from, to);
        Map<Long, Double> failures = values(EU, uploads(LambdaMetric.DESTINATION_DELIVERY_FAILURES, Statistic.SUM),
                from, to);
        assertThat(received).hasSize(1440);
        received.forEach((t, n) -> {
            assertThat(dropped.get(t)).isLessThanOrEqualTo(n);
            assertThat(failures.get(t)).isLessThanOrEqualTo(dropped.get(t));
            assertThat(age.get(t)).isLessThanOrEqualTo(1_800_000.0);
        });
        assertThat(dropped.values().stream().mapToDouble(Double::doubleValue).sum()).isGreaterThan(100);
        assertThat(dropped.get(epoch("2026-11-28T10:00:00Z"))).isZero();
        assertThat(dropped.get(epoch("2026-11-28T11:50:00Z"))).isPositive();
        // refund-worker's mapping: dropped within failed within polled, some of each
        Map<Long, Double> polled = values(US, refunds(LambdaMetric.POLLED_EVENT_COUNT), from, to);
        Map<Long, Double> failed = values(US, refunds(LambdaMetric.FAILED_INVOKE_EVENT_COUNT), from, to);
        Map<Long, Double> lost = values(US, refunds(LambdaMetric.DROPPED_EVENT_COUNT), from, to);
        polled.forEach((t, n) -> {
            assertThat(failed.get(t)).isLessThanOrEqualTo(n);
            assertThat(lost.get(t)).isLessThanOrEqualTo(failed.get(t));
        });
        assertThat(failed.values()).anySatisfy((n) -> assertThat(n).isPositive());
        assertThat(lost.values()).anySatisfy((n) -> assertThat(n).isPositive());
        // search-api: what its provisioned concurrency serves and what spills over add up to its invocations
        Map<Long, Double> invocations = values(US, SeriesKey.ofFunction(US.account(), US.region(),
                DemoTriggers.SEARCH, LambdaMetric.INVOCATIONS, Statistic.SUM), from, to);
        Map<Long, Double> served = values(US, search(LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS), from, to);
        Map<Long, Double> spillover = values(US, search(LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS),
                from, to);
        invocations.forEach((t, n) -> assertThat(served.get(t) + spillover.get(t)).isEqualTo(n));
        assertThat(spillover.get(epoch("2026-11-27T15:00:00Z"))).isPositive();
        assertThat(spillover.get(epoch("2026-11-28T03:00:00Z"))).isZero();
    }

    private static SeriesKey uploads(LambdaMetric metric, Statistic statistic) {
        return SeriesKey.ofFunction(EU.account(), EU.region(), DemoTriggers.UPLOADS, metric, statistic);
    }

    private static SeriesKey refunds(LambdaMetric metric) {
        return SeriesKey.ofQualified(US.account(), US.region(), DemoTriggers.REFUNDS, DemoTriggers.REFUNDS_MAPPING,
                metric, Statistic.SUM);
    }

    private static SeriesKey search(LambdaMetric metric) {
        return SeriesKey.ofQualified(US.account(), US.region(), DemoTriggers.SEARCH, DemoTriggers.SEARCH_ALIAS, metric,
                Statistic.SUM);
    }

    private Map<Long, Double> values(SourceRegion region, SeriesKey key, String from, String to) {
        return this.source.fetch(region, List.of(key), Instant.parse(from), Instant.parse(to))
            .get(key)
            .stream()
            .collect(Collectors.toMap(Point::epochSecond, Point::value));
    }

    private static long epoch(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }

    private static InvocationSetup setupOf(Discovery discovery, String name) {
        return discovery.functions().stream().filter((f) -> f.name().equals(name)).findFirst().orElseThrow().setup();
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
