package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Prices, the free tier and budget evaluation ({@code lambdalens.cost.*}). Prices change and differ by region, so
 * they are data: {@code prices.default} overrides the built-in us-east-1 prices everywhere, {@code prices.<region>}
 * overrides them in one region; every field left out keeps the price below it.
 *
 * @param freeTier the monthly free tier of one account, all regions and architectures together
 * @param prices overrides by region name, or {@code default} for every region
 * @param budgetInterval time between budget evaluations (each collection also triggers one)
 * @param forecastDays how many complete days of recent usage the forecast repeats to the end of a period
 * @param budgetsEnabled whether budgets are evaluated on a schedule
 */
@ConfigurationProperties("lambdalens.cost")
record CostProperties(@DefaultValue FreeTier freeTier, @DefaultValue Map<String, PriceOverride> prices,
        @DefaultValue("5m") Duration budgetInterval, @DefaultValue("7") int forecastDays,
        @DefaultValue("true") boolean budgetsEnabled) {

    CostProperties {
        if (budgetInterval.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("lambdalens.cost.budget-interval must be at least 10s");
        }
        if (forecastDays < 1 || forecastDays > 31) {
            throw new IllegalArgumentException("lambdalens.cost.forecast-days must be between 1 and 31");
        }
    }

    /** The Lambda free tier per account and month. */
    record FreeTier(@DefaultValue("1000000") long requests, @DefaultValue("400000") double gbSeconds) {

        FreeTier {
            if (requests < 0 || gbSeconds < 0) {
                throw new IllegalArgumentException("lambdalens.cost.free-tier amounts cannot be negative");
            }
        }
    }

    /** Prices to use instead of those below; {@code null} keeps them. */
    record PriceOverride(@Nullable BigDecimal requestsPerMillion, @Nullable List<Tier> x86,
            @Nullable List<Tier> arm64, @Nullable BigDecimal ephemeralStorageGbSecond,
            @Nullable BigDecimal provisionedGbSecond, @Nullable BigDecimal provisionedExecutedGbSecond) {

        RegionPrices over(RegionPrices base) {
            return new RegionPrices(or(this.requestsPerMillion, base.requestsPerMillion()), or(this.x86, base.x86()),
                    or(this.arm64, base.arm64()), or(this.ephemeralStorageGbSecond, base.ephemeralStorageGbSecond()),
                    or(this.provisionedGbSecond, base.provisionedGbSecond()),
                    or(this.provisionedExecutedGbSecond, base.provisionedExecutedGbSecond()));
        }

        private static <T> T or(@Nullable T value, T otherwise) {
            return (value != null) ? value : otherwise;
        }
    }
}
