package dev.lambdalens.cost;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.lambdalens.inventory.Architecture;

/**
 * Prices a month of usage the way the bill does. Per account: the free tier (requests and GB-seconds, all regions
 * and architectures together) is used up day by day from the first of the month; the compute tiers count the billable
 * GB-seconds of each region and architecture from the first of the month. Within one day the free part and each
 * tier's price are shared out in proportion to use, so that no function is favoured. Provisioned concurrency has no
 * free tier and no tiers: allocated GB-s at its price plus the GB-s executed on it at its own compute price.
 */
final class BillCalculator {

    private final PriceList prices;

    private final CostProperties.FreeTier freeTier;

    BillCalculator(PriceList prices, CostProperties.FreeTier freeTier) {
        this.prices = prices;
        this.freeTier = freeTier;
    }

    /** The cost of every usage line; the lines of each account must fall in one calendar month. */
    List<CostLine> bill(List<Usage> usage) {
        List<CostLine> lines = new ArrayList<>(usage.size());
        usage.stream()
            .collect(Collectors.groupingBy((u) -> u.function().account()))
            .values()
            .forEach((account) -> lines.addAll(billAccount(account)));
        return lines;
    }

    private List<CostLine> billAccount(List<Usage> usage) {
        YearMonth month = YearMonth.from(usage.get(0).day());
        TreeMap<LocalDate, List<Usage>> byDay = new TreeMap<>();
        for (Usage line : usage) {
            if (!YearMonth.from(line.day()).equals(month)) {
                throw new IllegalArgumentException("Usage of " + line.day() + " billed with the month of " + month);
            }
            byDay.computeIfAbsent(line.day(), (d) -> new ArrayList<>()).add(line);
        }
        double requestsSoFar = 0;
        double gbSecondsSoFar = 0;
        Map<Bucket, Double> billedSoFar = new HashMap<>();
        List<CostLine> lines = new ArrayList<>(usage.size());
        for (List<Usage> day : byDay.values()) {
            double requests = day.stream().mapToDouble(Usage::requests).sum();
            double gbSeconds = day.stream().mapToDouble(Usage::gbSeconds).sum();
            double billableRequestShare = billableShare(requests, requestsSoFar, this.freeTier.requests());
            double billableComputeShare = billableShare(gbSeconds, gbSecondsSoFar, this.freeTier.gbSeconds());
            requestsSoFar += requests;
            gbSecondsSoFar += gbSeconds;
            Map<Bucket, Double> rates = computeRates(day, billableComputeShare, billedSoFar);
            for (Usage line : day) {
                RegionPrices regionPrices = this.prices.in(line.function().region());
                double billable = line.gbSeconds() * billableComputeShare;
                double compute = billable * rates.get(Bucket.of(line));
                double arm64 = (line.architecture() == Architecture.ARM64) ? compute
                        : compute * armRatio(regionPrices);
                double provisioned = line.provisionedGbSeconds() * regionPrices.provisionedGbSecond().doubleValue()
                        + line.provisionedExecutedGbSeconds()
                                * regionPrices.provisionedExecutedGbSecond().doubleValue();
                lines.add(new CostLine(line, line.requests() * billableRequestShare * regionPrices.perRequest(),
                        compute, line.ephemeralGbSeconds() * regionPrices.ephemeralStorageGbSecond().doubleValue(),
                        arm64, provisioned));
            }
        }
        return lines;
    }

    /** The share of {@code amount} beyond what is left of the free allowance after {@code before}. */
    private static double billableShare(double amount, double before, double allowance) {
        if (amount <= 0) {
            return 0;
        }
        double free = Math.max(0, allowance - before);
        return Math.max(0, amount - free) / amount;
    }

    /**
     * The average price per billable GB-second of each region and architecture on one day, from where its tiers
     * stood at the start of the day; moves the tiers on.
     */
    private Map<Bucket, Double> computeRates(List<Usage> day, double billableShare, Map<Bucket, Double> billedSoFar) {
        Map<Bucket, Double> billable = new HashMap<>();
        for (Usage line : day) {
            billable.merge(Bucket.of(line), line.gbSeconds() * billableShare, Double::sum);
        }
        Map<Bucket, Double> rates = new HashMap<>();
        billable.forEach((bucket, amount) -> {
            double before = billedSoFar.getOrDefault(bucket, 0.0);
            RegionPrices regionPrices = this.prices.in(bucket.region());
            double cost = regionPrices.compute(bucket.architecture(), before, amount);
            rates.put(bucket, (amount > 0) ? cost / amount : 0.0);
            billedSoFar.put(bucket, before + amount);
        });
        return rates;
    }

    /** arm64's first-tier price against x86's: what the same GB-seconds would cost on Graviton. */
    private static double armRatio(RegionPrices prices) {
        double x86 = prices.x86().get(0).pricePerGbSecond().doubleValue();
        return (x86 > 0) ? prices.arm64().get(0).pricePerGbSecond().doubleValue() / x86 : 1;
    }

    private record Bucket(String region, Architecture architecture) {

        static Bucket of(Usage usage) {
            return new Bucket(usage.function().region(), usage.architecture());
        }
    }
}
