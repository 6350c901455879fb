package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.util.List;

import dev.lambdalens.inventory.Architecture;

/**
 * Lambda's prices in one region, in USD.
 *
 * @param requestsPerMillion the price of one million requests
 * @param x86 the compute tiers for x86_64, the first starting at 0
 * @param arm64 the compute tiers for arm64, the first starting at 0
 * @param ephemeralStorageGbSecond the price per GB-second of ephemeral storage above the included 512 MB
 * @param provisionedGbSecond the price per GB-second of provisioned concurrency kept warm
 * @param provisionedExecutedGbSecond the compute price per GB-second executed on provisioned concurrency
 */
public record RegionPrices(BigDecimal requestsPerMillion, List<Tier> x86, List<Tier> arm64,
        BigDecimal ephemeralStorageGbSecond, BigDecimal provisionedGbSecond, BigDecimal provisionedExecutedGbSecond) {

    /** The us-east-1 prices of AWS-FACTS.md: the defaults for every region not configured otherwise. */
    public static final RegionPrices US_EAST_1 = new RegionPrices(new BigDecimal("0.20"),
            List.of(new Tier(0, new BigDecimal("0.0000166667")), new Tier(6e9, new BigDecimal("0.0000150000")),
                    new Tier(15e9, new BigDecimal("0.0000133334"))),
            List.of(new Tier(0, new BigDecimal("0.0000133334")), new Tier(7.5e9, new BigDecimal("0.0000120001")),
                    new Tier(18.75e9, new BigDecimal("0.0000106667"))),
            new BigDecimal("0.0000000309"), new BigDecimal("0.0000041667"), new BigDecimal("0.0000097222"));

    public RegionPrices {
        x86 = checkedTiers("x86", x86);
        arm64 = checkedTiers("arm64", arm64);
        for (BigDecimal price : List.of(requestsPerMillion, ephemeralStorageGbSecond, provisionedGbSecond,
                provisionedExecutedGbSecond)) {
            if (price.signum() < 0) {
                throw new IllegalArgumentException("Prices cannot be negative: " + price);
            }
        }
    }

    private static List<Tier> checkedTiers(String name, List<Tier> tiers) {
        if (tiers.isEmpty() || tiers.get(0).fromGbSeconds() != 0) {
            throw new IllegalArgumentException("The " + name + " tiers must start with a tier from 0 GB-s");
        }
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).fromGbSeconds() <= tiers.get(i - 1).fromGbSeconds()) {
                throw new IllegalArgumentException("The " + name + " tiers must be in increasing order of from-gb-seconds");
            }
        }
        return List.copyOf(tiers);
    }

    public List<Tier> tiers(Architecture architecture) {
        return (architecture == Architecture.ARM64) ? this.arm64 : this.x86;
    }

    /**
     * What one invocation costs at list price: the request, and the compute (and ephemeral storage above the included
     * 512 MB) of its duration at the first tier, with no free tier: what compares two configurations, not a bill.
     *
     * @param durationMs the invocation's duration (an average is not rounded up to the millisecond as the bill does
     *     per invocation: a difference of under 1 ms per invocation)
     */
    public double listPricePerInvocation(Architecture architecture, int memoryMb, int ephemeralStorageMb,
            double durationMs) {
        double seconds = durationMs / 1000;
        double compute = memoryMb / 1024.0 * seconds * tiers(architecture).get(0).pricePerGbSecond().doubleValue();
        double extraStorage = Math.max(0, ephemeralStorageMb - 512) / 1024.0 * seconds
                * this.ephemeralStorageGbSecond.doubleValue();
        return perRequest() + compute + extraStorage;
    }

    /** The price of one request. */
    double perRequest() {
        return this.requestsPerMillion.doubleValue() / 1_000_000;
    }

    /**
     * What {@code amount} billable GB-seconds cost when {@code before} were already billed this month in the same
     * region and architecture: each part at the price of the tier it falls in.
     */
    double compute(Architecture architecture, double before, double amount) {
        List<Tier> tiers = tiers(architecture);
        double start = before;
        double end = before + amount;
        double cost = 0;
        for (int i = 0; i < tiers.size(); i++) {
            double low = tiers.get(i).fromGbSeconds();
            double high = (i + 1 < tiers.size()) ? tiers.get(i + 1).fromGbSeconds() : Double.POSITIVE_INFINITY;
            double overlap = Math.min(end, high) - Math.max(start, low);
            if (overlap > 0) {
                cost += overlap * tiers.get(i).pricePerGbSecond().doubleValue();
            }
        }
        return cost;
    }
}
