package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.lambdalens.metrics.FunctionRef;
import org.jspecify.annotations.Nullable;

/**
 * A range's cost as pages and the API show it: totals, a breakdown, the cost of each day, and what the figures leave
 * out. Amounts are USD to 4 decimal places (a function can cost less than a cent a day).
 *
 * @param arm64Saving what moving every x86_64 function to arm64 would have saved, at the same duration
 * @param monitorMonthlyCost the monitor's own CloudWatch API fees for 30 days at the current settings
 * @param caveats what the figures do not include, in words
 * @param billedDurationDifference compute cost minus what Sum(Duration) alone would have made it: what billed
 * durations from REPORT lines added (zero where none are known)
 * @param provisionedCost provisioned concurrency: allocated GB-s and the GB-s executed on it, each at its price
 */
public record CostReport(LocalDate from, LocalDate to, String groupBy, @Nullable String tag, String currency,
        BigDecimal total, BigDecimal requestCost, BigDecimal computeCost, BigDecimal ephemeralStorageCost,
        BigDecimal arm64Saving, List<Group> groups, List<Day> daily, BigDecimal monitorMonthlyCost,
        List<String> caveats, BigDecimal billedDurationDifference, BigDecimal provisionedCost) {

    static final String UNTAGGED = "(untagged)";

    static final String DURATION_SUM_CAVEAT = "Compute is Sum(Duration) x configured memory. The bill rounds each "
            + "invocation up to 1 ms and, since 1 August 2025, also bills INIT time of cold starts, so these figures "
            + "are slightly under the bill where invocations are very short or cold starts frequent.";

    static final List<String> STANDING_CAVEATS = List.of(
            "Provisioned concurrency is the allocation discovery reads (allocated environments x the version's memory "
                    + "x the seconds allocated; a change between two readings of a function's setup counts from the "
                    + "next reading) plus the compute that ran on it, taken as the share of invocations it served "
                    + "(ProvisionedConcurrencyInvocations / Invocations) of the function's compute.",
            "The free tier is applied per account. Under AWS Organizations consolidated billing it is shared once by "
                    + "the whole organization.");

    static CostReport of(CostLedger.Costs costs, CostGrouping groupBy, @Nullable String tag,
            Map<FunctionRef, Map<String, String>> tags, double monitorMonthlyCost) {
        Function<CostLine, Key> key = switch (groupBy) {
            case FUNCTION -> (l) -> new Key(l.function().account() + "/" + l.function().region() + "/"
                    + l.function().name(), l.function(), l.architecture().wireName());
            case REGION -> (l) -> new Key(l.function().region(), null, null);
            case ARCHITECTURE -> (l) -> new Key(l.architecture().wireName(), null, null);
            case TAG -> (l) -> new Key(tags.getOrDefault(l.function(), Map.of()).getOrDefault(tag, UNTAGGED), null,
                    null);
        };
        Map<Key, List<CostLine>> grouped = new LinkedHashMap<>();
        costs.lines().forEach((l) -> grouped.computeIfAbsent(key.apply(l), (k) -> new ArrayList<>()).add(l));
        List<Group> groups = grouped.entrySet()
            .stream()
            .map((e) -> Group.of(e.getKey(), e.getValue()))
            .sorted(Comparator.comparing(Group::cost).reversed().thenComparing(Group::key))
            .toList();
        Map<LocalDate, Double> byDay = new TreeMap<>();
        for (LocalDate day = costs.from(); day.isBefore(costs.to()); day = day.plusDays(1)) {
            byDay.put(day, 0.0);
        }
        costs.lines().forEach((l) -> byDay.merge(l.day(), l.total(), Double::sum));
        List<String> caveats = new ArrayList<>();
        double estimateDifference = sum(costs.lines(), CostLine::computeCost)
                - sum(costs.lines(), CostLine::durationSumComputeCost);
        long billedLines = costs.lines().stream()
            .filter((l) -> l.usage().source() != Usage.ComputeSource.DURATION_SUM)
            .count();
        if (billedLines == 0) {
            caveats.add(DURATION_SUM_CAVEAT);
        }
        else {
            caveats.add("Compute uses the billed durations of REPORT lines (1 ms rounding and INIT phases included, "
                    + "at each invocation's memory size) wherever they covered every invocation of a day or hour, and "
                    + "Sum(Duration) x configured memory elsewhere (each group says which). From Sum(Duration) alone "
                    + "compute would have been " + String.format(java.util.Locale.ROOT, "$%.4f", -estimateDifference)
                    + " " + (estimateDifference >= 0 ? "less" : "more") + ". SnapStart restores are billed apart and "
                    + "are not included.");
        }
        caveats.addAll(STANDING_CAVEATS);
        if (!costs.unknownFunctions().isEmpty()) {
            caveats.add(costs.unknownFunctions().size() + " function(s) have stored usage but no known configuration, "
                    + "so no known memory, and are not costed: " + costs.unknownFunctions().stream()
                        .map((f) -> f.region() + "/" + f.name()).sorted().toList());
        }
        return new CostReport(costs.from(), costs.to(), groupBy.name().toLowerCase(java.util.Locale.ROOT), tag, "USD", money(costs.total()),
                money(sum(costs.lines(), CostLine::requestCost)), money(sum(costs.lines(), CostLine::computeCost)),
                money(sum(costs.lines(), CostLine::ephemeralStorageCost)),
                money(sum(costs.lines(), CostLine::arm64Saving)), groups,
                byDay.entrySet().stream().map((e) -> new Day(e.getKey(), money(e.getValue()))).toList(),
                money(monitorMonthlyCost), caveats, money(estimateDifference),
                money(sum(costs.lines(), CostLine::provisionedCost)));
    }

    static BigDecimal money(double amount) {
        return BigDecimal.valueOf(amount).setScale(4, RoundingMode.HALF_UP);
    }

    private static double sum(List<CostLine> lines, java.util.function.ToDoubleFunction<CostLine> figure) {
        return lines.stream().mapToDouble(figure).sum();
    }

    private record Key(String key, @Nullable FunctionRef function, @Nullable String architecture) {
    }

    /**
     * One group of the breakdown; {@code account}, {@code region}, {@code function} and {@code architecture} are set
     * when grouping by function.
     *
     * @param computeSource where its compute figure comes from: billed duration, Duration Sum, or both
     * @param durationSumComputeCost what its compute would have cost from Sum(Duration) alone
     * @param provisionedCost its provisioned concurrency, allocated and executed
     */
    public record Group(String key, @Nullable String account, @Nullable String region, @Nullable String function,
            @Nullable String architecture, double invocations, double gbSeconds, BigDecimal requestCost,
            BigDecimal computeCost, BigDecimal ephemeralStorageCost, BigDecimal cost, BigDecimal arm64Saving,
            String computeSource, double durationSumGbSeconds, BigDecimal durationSumComputeCost,
            BigDecimal provisionedCost) {

        static Group of(Key key, List<CostLine> lines) {
            FunctionRef f = key.function();
            return new Group(key.key(), (f != null) ? f.account() : null, (f != null) ? f.region() : null,
                    (f != null) ? f.name() : null, key.architecture(),
                    sum(lines, (l) -> l.usage().requests()), Math.round(sum(lines, (l) -> l.usage().gbSeconds()) * 1000) / 1000.0,
                    money(sum(lines, CostLine::requestCost)), money(sum(lines, CostLine::computeCost)),
                    money(sum(lines, CostLine::ephemeralStorageCost)), money(sum(lines, CostLine::total)),
                    money(sum(lines, CostLine::arm64Saving)),
                    lines.stream().map((l) -> l.usage().source()).reduce(Usage.ComputeSource::and)
                        .orElse(Usage.ComputeSource.DURATION_SUM).label(),
                    Math.round(sum(lines, (l) -> l.usage().durationSumGbSeconds()) * 1000) / 1000.0,
                    money(sum(lines, CostLine::durationSumComputeCost)), money(sum(lines, CostLine::provisionedCost)));
        }
    }

    /** One day's cost. */
    public record Day(LocalDate date, BigDecimal cost) {
    }
}
