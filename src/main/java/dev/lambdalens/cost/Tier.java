package dev.lambdalens.cost;

import java.math.BigDecimal;

/**
 * One compute price tier: from {@code fromGbSeconds} of billable GB-seconds in a month (per account, region and
 * architecture), each further GB-second costs {@code pricePerGbSecond}.
 */
public record Tier(double fromGbSeconds, BigDecimal pricePerGbSecond) {

    public Tier {
        if (fromGbSeconds < 0) {
            throw new IllegalArgumentException("A tier cannot start below 0 GB-s: " + fromGbSeconds);
        }
        if (pricePerGbSecond.signum() < 0) {
            throw new IllegalArgumentException("A tier price cannot be negative: " + pricePerGbSecond);
        }
    }
}
