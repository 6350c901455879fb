package dev.lambdalens.cost;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.metrics.FunctionRef;
import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Service;

/**
 * The cost of the stored usage, as the bill computes it: every calendar month is billed from its first day (the
 * free tier and tiers depend on what came before), and the days asked for are taken from it. Forecasts bill the
 * usage so far together with projected usage, so that the free tier and tiers apply to the projection too.
 */
@Service
public class CostLedger {

    /** How long a computed range stays fresh: cost moves by the day, pages and budgets ask every few seconds. */
    static final Duration FRESH_FOR = Duration.ofMinutes(1);

    /**
     * How long a range's last figure may still be shown while it is computed again in the background: reading a
     * month of usage can take seconds, and no page should wait for it once a figure is there.
     */
    static final Duration SHOWN_FOR_AT_MOST = Duration.ofMinutes(10);

    private final UsageReader usage;

    private final BillCalculator calculator;

    private final PriceList prices;

    private final CostProperties properties;

    private final Clock clock;

    private final ExecutorService refresher = Executors.newSingleThreadExecutor((task) -> {
        Thread thread = new Thread(task, "cost-ledger");
        thread.setDaemon(true);
        return thread;
    });

    /** Recent results by range, recomputed one at a time in the background once {@link #FRESH_FOR} old. */
    private final LoadingCache<Range, Object> recent;

    CostLedger(UsageReader usage, CostProperties properties, Clock clock) {
        this.usage = usage;
        this.prices = new PriceList(properties.prices());
        this.calculator = new BillCalculator(this.prices, properties.freeTier());
        this.properties = properties;
        this.clock = clock;
        this.recent = Caffeine.newBuilder()
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .refreshAfterWrite(FRESH_FOR)
            .expireAfterWrite(SHOWN_FOR_AT_MOST)
            .maximumSize(64) // ranges asked once (any API caller's) do not pile up
            .executor(this.refresher)
            .build(this::compute);
    }

    public PriceList prices() {
        return this.prices;
    }

    /** The cost of the UTC days [from, to) up to now, computed at most once a minute. */
    public Costs actual(LocalDate from, LocalDate to) {
        return (Costs) this.recent.get(new Range(false, from, to));
    }

    private Costs computeActual(LocalDate from, LocalDate to) {
        Instant now = this.clock.instant();
        List<CostLine> lines = new ArrayList<>();
        Set<FunctionRef> unknown = new HashSet<>();
        for (YearMonth month = YearMonth.from(from); month.atDay(1).isBefore(to); month = month.plusMonths(1)) {
            LocalDate end = earlier(month.plusMonths(1).atDay(1), to);
            UsageReader.UsageSet set = this.usage.read(month.atDay(1), end, now);
            unknown.addAll(set.unknownFunctions());
            this.calculator.bill(set.usage()).stream().filter((l) -> !l.day().isBefore(from)).forEach(lines::add);
        }
        return new Costs(from, to, lines, unknown);
    }

    /**
     * What the period [from, to) will cost: the usage so far, plus for the rest of the period each function's average
     * daily usage over the last complete days and the provisioned concurrency allocated now, all billed together.
     */
    public Forecast forecast(LocalDate from, LocalDate to) {
        return (Forecast) this.recent.get(new Range(true, from, to));
    }

    private Object compute(Range range) {
        return range.forecast() ? computeForecast(range.from(), range.to()) : computeActual(range.from(), range.to());
    }

    @PreDestroy
    void close() {
        this.refresher.shutdownNow();
    }

    /** What was asked for: the actual cost or the forecast of the days [from, to). */
    private record Range(boolean forecast, LocalDate from, LocalDate to) {
    }

    private Forecast computeForecast(LocalDate from, LocalDate to) {
        Instant now = this.clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // the actual cost already computed for the page or budget that asked is reused; the cache's own loader must
        // not load another key, so it is computed here when missing
        Costs cached = (Costs) this.recent.getIfPresent(new Range(false, from, to));
        Costs actual = (cached != null) ? cached : computeActual(from, to);
        if (!today.isBefore(to)) {
            return new Forecast(actual, actual.lines(), "The period has ended: the forecast is the actual cost.");
        }
        Baseline baseline = baseline(today, now);
        List<Usage> standing = this.usage.standingAllocations(now);
        List<Usage> projected = new ArrayList<>();
        double restOfToday = 1 - (now.getEpochSecond() - today.atStartOfDay(ZoneOffset.UTC).toEpochSecond()) / 86_400.0;
        for (LocalDate day = today.isBefore(from) ? from : today; day.isBefore(to); day = day.plusDays(1)) {
            double share = day.equals(today) ? restOfToday : 1;
            for (Usage mean : baseline.daily()) {
                projected.add(mean.times(share, day));
            }
            for (Usage allocation : standing) {
                projected.add(allocation.times(share, day));
            }
        }
        List<CostLine> lines = new ArrayList<>();
        for (YearMonth month = YearMonth.from(from); month.atDay(1).isBefore(to); month = month.plusMonths(1)) {
            LocalDate end = earlier(month.plusMonths(1).atDay(1), to);
            List<Usage> all = new ArrayList<>(this.usage.read(month.atDay(1), end, now).usage());
            YearMonth billed = month;
            projected.stream().filter((u) -> YearMonth.from(u.day()).equals(billed)).forEach(all::add);
            this.calculator.bill(all).stream().filter((l) -> !l.day().isBefore(from)).forEach(lines::add);
        }
        return new Forecast(actual, lines, baseline.method());
    }

    /**
     * Each function's mean daily usage over the last complete days with data (at most {@code forecast-days}); where
     * no complete day is stored yet, today's usage so far scaled to a whole day.
     */
    private Baseline baseline(LocalDate today, Instant now) {
        int days = this.properties.forecastDays();
        LocalDate from = today.minusDays(days);
        List<Usage> recent = this.usage.read(from, today, now).usage();
        if (!recent.isEmpty()) {
            // a day collected only in part (the first day of a new installation, an outage) counts for its part
            Map<LocalDate, Double> coverage = this.usage.coverage(from, today);
            double covered = coverage.isEmpty() ? recent.stream().map(Usage::day).distinct().count()
                    : coverage.values().stream().mapToDouble(Double::doubleValue).sum();
            LocalDate first = recent.stream().map(Usage::day).min(LocalDate::compareTo).orElseThrow();
            if (covered > 0) {
                return new Baseline(mean(recent, covered), "Actual cost to date, plus each function's average daily "
                        + "usage from " + first + " to " + today.minusDays(1) + " (" + String.format("%.1f", covered)
                        + " day(s) of collected data) repeated for every remaining day, priced with the free tier and "
                        + "tiers.");
            }
        }
        double elapsed = (now.getEpochSecond() - today.atStartOfDay(ZoneOffset.UTC).toEpochSecond()) / 86_400.0;
        List<Usage> sofar = this.usage.read(today, today.plusDays(1), now).usage();
        if (sofar.isEmpty() || elapsed <= 0) {
            return new Baseline(List.of(), "No usage stored yet: the forecast is the actual cost.");
        }
        return new Baseline(mean(sofar, elapsed), "Actual cost to date, plus today's usage so far scaled to whole days "
                + "(no complete day is stored yet), priced with the free tier and tiers.");
    }

    int forecastDays() {
        return this.properties.forecastDays();
    }

    /**
     * How many days of [from, to) collection covered: minutes with account-level data out of 1,440 a day; without
     * account-level series, the days that have cost lines.
     */
    double coveredDays(LocalDate from, LocalDate to, List<CostLine> lines) {
        Map<LocalDate, Double> coverage = this.usage.coverage(from, to);
        return coverage.isEmpty() ? lines.stream().map(CostLine::day).distinct().count()
                : coverage.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static List<Usage> mean(List<Usage> usage, double days) {
        Map<FunctionArchitecture, double[]> sums = new HashMap<>();
        Map<FunctionArchitecture, Usage.ComputeSource> sources = new HashMap<>();
        for (Usage u : usage) {
            double[] sum = sums.computeIfAbsent(new FunctionArchitecture(u.function(), u.architecture()),
                    (k) -> new double[5]);
            sum[0] += u.requests();
            sum[1] += u.gbSeconds();
            sum[2] += u.ephemeralGbSeconds();
            sum[3] += u.durationSumGbSeconds();
            sum[4] += u.provisionedExecutedGbSeconds();
            sources.merge(new FunctionArchitecture(u.function(), u.architecture()), u.source(), Usage.ComputeSource::and);
        }
        List<Usage> mean = new ArrayList<>();
        // the allocation is left out: the forecast repeats the allocation standing now instead
        sums.forEach((key, sum) -> mean.add(new Usage(key.function(), LocalDate.EPOCH, key.architecture(),
                sum[0] / days, sum[1] / days, sum[2] / days, sum[3] / days, sources.get(key), 0, sum[4] / days)));
        return mean;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private record FunctionArchitecture(FunctionRef function, Architecture architecture) {
    }

    private record Baseline(List<Usage> daily, String method) {
    }

    /** The cost lines of a range, and the functions that could not be costed for lack of a known configuration. */
    public record Costs(LocalDate from, LocalDate to, List<CostLine> lines, Set<FunctionRef> unknownFunctions) {

        public double total() {
            return this.lines.stream().mapToDouble(CostLine::total).sum();
        }
    }

    /**
     * A forecast of a period.
     *
     * @param actual the cost so far
     * @param lines the cost lines of the whole period, actual and projected
     * @param method how the projection was made, in words for the page
     */
    public record Forecast(Costs actual, List<CostLine> lines, String method) {

        public double total() {
            return this.lines.stream().mapToDouble(CostLine::total).sum();
        }
    }
}
