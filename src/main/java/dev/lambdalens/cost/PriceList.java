package dev.lambdalens.cost;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The prices of every region, resolved from configuration once at startup so that a bad price fails the start with
 * the property named rather than a page later.
 */
public final class PriceList {

    static final String DEFAULT = "default";

    private final RegionPrices fallback;

    private final Map<String, RegionPrices> regions = new HashMap<>();

    PriceList(Map<String, CostProperties.PriceOverride> overrides) {
        RegionPrices base = RegionPrices.US_EAST_1;
        CostProperties.PriceOverride defaults = overrides.get(DEFAULT);
        this.fallback = resolve(DEFAULT, defaults, base);
        overrides.forEach((region, override) -> {
            if (!DEFAULT.equals(region)) {
                this.regions.put(region, resolve(region, override, this.fallback));
            }
        });
    }

    private static RegionPrices resolve(String name, CostProperties.@Nullable PriceOverride override, RegionPrices base) {
        if (override == null) {
            return base;
        }
        try {
            return override.over(base);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("lambdalens.cost.prices." + name + ": " + ex.getMessage(), ex);
        }
    }

    /** The built-in us-east-1 prices in every region. */
    static PriceList builtIn() {
        return new PriceList(Map.of());
    }

    public RegionPrices in(String region) {
        return this.regions.getOrDefault(region, this.fallback);
    }
}
