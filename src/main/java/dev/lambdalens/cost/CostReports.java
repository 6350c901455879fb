package dev.lambdalens.cost;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.collector.CollectorStatus;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.FunctionRef;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Builds the cost reports pages and the API show, from the ledger, the inventory's tags and the collector's own bill.
 */
@Service
public class CostReports {

    static final int MAX_DAYS = 400;

    private final CostLedger ledger;

    private final Inventory inventory;

    private final CollectorStatus collector;

    private final Clock clock;

    CostReports(CostLedger ledger, Inventory inventory, CollectorStatus collector, Clock clock) {
        this.ledger = ledger;
        this.inventory = inventory;
        this.collector = collector;
        this.clock = clock;
    }

    /** The UTC day today is. */
    public LocalDate today() {
        return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
    }

    /** This month so far. */
    public CostReport monthToDate(CostGrouping groupBy, @Nullable String tag) {
        LocalDate today = today();
        return report(YearMonth.from(today).atDay(1), today.plusDays(1), groupBy, tag);
    }

    /** The month's forecast total, and how it was made. */
    public CostLedger.Forecast monthForecast() {
        YearMonth month = YearMonth.from(today());
        return this.ledger.forecast(month.atDay(1), month.plusMonths(1).atDay(1));
    }

    /** The cost of the UTC days [from, to), grouped; refuses a range that cannot work, naming the parameter. */
    public CostReport report(LocalDate from, LocalDate to, CostGrouping groupBy, @Nullable String tag) {
        if (!to.isAfter(from)) {
            throw new InvalidFieldException("to", "must be after from (" + from + "); to is excluded");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw new InvalidFieldException("to", "a range is at most " + MAX_DAYS + " days");
        }
        if (groupBy == CostGrouping.TAG && (tag == null || tag.isBlank())) {
            throw new InvalidFieldException("tag", "grouping by tag needs the tag key, such as tag=team");
        }
        return CostReport.of(this.ledger.actual(from, to), groupBy, tag, tags(), monitorMonthlyCost());
    }

    /** Every function's cost on every UTC day of [from, to), as the ledger computes it; the same range checks. */
    List<CostLine> daily(LocalDate from, LocalDate to) {
        report(from, to, CostGrouping.FUNCTION, null); // the same checks, and it warms the ledger for the same range
        return this.ledger.actual(from, to).lines();
    }

    /** One range grouped several ways, read and priced once. */
    public Map<CostGrouping, CostReport> breakdowns(LocalDate from, LocalDate to, @Nullable String tag) {
        Map<FunctionRef, Map<String, String>> tags = tags();
        CostLedger.Costs costs = this.ledger.actual(from, to);
        double monitor = monitorMonthlyCost();
        Map<CostGrouping, CostReport> reports = new java.util.EnumMap<>(CostGrouping.class);
        for (CostGrouping grouping : CostGrouping.values()) {
            reports.put(grouping, CostReport.of(costs, grouping, tag, tags, monitor));
        }
        return reports;
    }

    /**
     * What each function costs in 30 days at its recent rate: the cost of the last {@code forecast-days} complete
     * days, scaled from the days collection covered to 30. For savings estimates; the free tier is shared out as
     * over those days.
     */
    public RunRate monthlyRunRate() {
        LocalDate today = today();
        LocalDate from = today.minusDays(this.ledger.forecastDays());
        CostLedger.Costs costs = this.ledger.actual(from, today);
        double covered = this.ledger.coveredDays(from, today, costs.lines());
        Map<FunctionRef, double[]> perFunction = new HashMap<>();
        if (covered > 0) {
            double scale = 30 / covered;
            for (CostLine line : costs.lines()) {
                double[] sums = perFunction.computeIfAbsent(line.function(), (f) -> new double[3]);
                sums[0] += line.total() * scale;
                sums[1] += line.computeCost() * scale;
                sums[2] += line.arm64Saving() * scale;
            }
        }
        Map<FunctionRef, RunRate.FunctionRate> rates = new HashMap<>();
        perFunction.forEach((f, sums) -> rates.put(f, new RunRate.FunctionRate(sums[0], sums[1], sums[2])));
        return new RunRate(rates, String.format("the cost of %s to %s (%.1f day(s) of collected data) scaled to 30 "
                + "days", from, today.minusDays(1), covered));
    }

    /**
     * Each function's cost over 30 days at its recent rate.
     *
     * @param method how the rate was worked out, in words
     */
    public record RunRate(Map<FunctionRef, FunctionRate> functions, String method) {

        /** USD per 30 days: everything, compute alone, and what arm64 would save of it. */
        public record FunctionRate(double total, double compute, double arm64Saving) {
        }
    }

    private Map<FunctionRef, Map<String, String>> tags() {
        Map<FunctionRef, Map<String, String>> tags = new HashMap<>();
        for (FunctionSummary f : this.inventory.functions()) {
            tags.put(new FunctionRef(f.account(), f.region(), f.name()), f.tags());
        }
        return tags;
    }

    private double monitorMonthlyCost() {
        return this.collector.estimatedMonthlyCostUsd(this.collector.regions());
    }
}
