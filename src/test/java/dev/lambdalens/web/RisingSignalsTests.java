package dev.lambdalens.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongToDoubleFunction;

import javax.sql.DataSource;

import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.metrics.StoredSeries;
import dev.lambdalens.testing.MigratedH2;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview's flag on hand-made samples: it fires for a lag or age rising hour on hour and for drops in the last
 * hour, not for one flat, wobbling or falling, and reads each signal with one query whatever the number of functions.
 */
class RisingSignalsTests {

    private static final String ACCOUNT = "123456789012";

    private static final String REGION = "us-east-1";

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:30Z");

    /** The first whole minute of the two hours the flag reads (10:01; the last is 12:00). */
    private static final long START = (NOW.getEpochSecond() - 7200) / 60 * 60 + 60;

    private final DataSource database = MigratedH2.dataSource();

    private final AtomicInteger statements = new AtomicInteger();

    private final Map<SeriesKey, List<Point>> samples = new HashMap<>();

    private RisingSignals rising;

    @BeforeEach
    void setUp() {
        this.rising = new RisingSignals(StoredSeries.queries(counting(this.database)), new MutableClock(NOW));
    }

    @Test
    void shouldFlagAStreamLagRisingHourOnHourButNotAFlatWobblingOrFallingOne() {
        lag("rising", (m) -> (m < 60) ? 1_000 : 1_000 + (m - 60) * 6_000);
        lag("flat", (m) -> 1_200);
        lag("wobbling", (m) -> (m < 60) ? 900 : 1_900); // twice as high, but a second is nobody falling behind
        lag("falling", (m) -> (m < 60) ? 400_000 - m * 6_000 : 20_000);
        lag("new", (m) -> (m < 60) ? Double.NaN : 90_000); // nothing the hour before, 90 s behind now
        store();
        RisingSignals.Rising now = this.rising.now();
        assertThat(now.of(function("rising"))).containsExactly("stream lag rising");
        assertThat(now.of(function("new"))).containsExactly("stream lag rising");
        assertThat(now.of(function("flat"))).isEmpty();
        assertThat(now.of(function("wobbling"))).isEmpty();
        assertThat(now.of(function("falling"))).isEmpty();
    }

    @Test
    void shouldFlagAsyncAgeRisingAndDropsInTheLastHourOnly() {
        series("aging", LambdaMetric.ASYNC_EVENT_AGE, Statistic.MAXIMUM, (m) -> (m < 60) ? 500 : m * 20_000);
        series("young", LambdaMetric.ASYNC_EVENT_AGE, Statistic.MAXIMUM, (m) -> 500);
        series("dropping", LambdaMetric.ASYNC_EVENTS_DROPPED, Statistic.SUM, (m) -> (m == 100) ? 3 : 0);
        series("dropped-before", LambdaMetric.ASYNC_EVENTS_DROPPED, Statistic.SUM, (m) -> (m == 30) ? 50 : 0);
        this.samples.put(SeriesKey.ofQualified(ACCOUNT, REGION, "queue-worker", "b84e0c27", LambdaMetric.DROPPED_EVENT_COUNT,
                Statistic.SUM), List.of(new Point(START + 110 * 60, 2)));
        store();
        RisingSignals.Rising now = this.rising.now();
        assertThat(now.of(function("aging"))).containsExactly("async event age rising");
        assertThat(now.of(function("dropping"))).containsExactly("dropping events");
        assertThat(now.of(function("queue-worker"))).containsExactly("dropping events");
        assertThat(now.of(function("young"))).isEmpty();
        assertThat(now.of(function("dropped-before"))).isEmpty();
    }

    @Test
    void shouldReadEachSignalWithOneQueryWhateverTheNumberOfFunctions() {
        for (int i = 0; i < 50; i++) {
            lag("consumer-" + i, (m) -> 1_000 + m);
            series("async-" + i, LambdaMetric.ASYNC_EVENT_AGE, Statistic.MAXIMUM, (m) -> 700);
        }
        store();
        this.statements.set(0);
        this.rising.now();
        assertThat(this.statements).hasValue(RisingSignals.Signal.values().length);
    }

    private void lag(String name, LongToDoubleFunction valueAtMinute) {
        series(name, LambdaMetric.ITERATOR_AGE, Statistic.MAXIMUM, valueAtMinute);
    }

    /** Two hours of minutes ending now, the function's value at each (NaN: no datapoint). */
    private void series(String name, LambdaMetric metric, Statistic statistic, LongToDoubleFunction valueAtMinute) {
        List<Point> points = new ArrayList<>();
        for (long m = 0; m < 120; m++) {
            double value = valueAtMinute.applyAsDouble(m);
            if (!Double.isNaN(value)) {
                points.add(new Point(START + m * 60, value));
            }
        }
        this.samples.put(SeriesKey.ofFunction(ACCOUNT, REGION, name, metric, statistic), points);
    }

    private void store() {
        StoredSeries.store(this.database).upsert(this.samples);
    }

    private static FunctionSummary function(String name) {
        return new FunctionSummary(ACCOUNT, REGION, name, "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name,
                "java21", Architecture.ARM64, 512, 30, null, 0, Map.of(), 0, 0, null, FunctionState.ACTIVE, NOW, NOW,
                512, List.of(), false);
    }

    /** The same database, counting the statements prepared on it. */
    private DataSource counting(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    return (result instanceof Connection connection) ? counting(connection) : result;
                });
    }

    private Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                (proxy, method, args) -> {
                    if (Set.of("prepareStatement", "createStatement", "prepareCall").contains(method.getName())) {
                        this.statements.incrementAndGet();
                    }
                    return invoke(connection, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        }
        catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }
}
