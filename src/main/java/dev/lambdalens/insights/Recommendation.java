package dev.lambdalens.insights;

import java.math.BigDecimal;
import java.util.List;

import dev.lambdalens.alerting.RuleScope;
import dev.lambdalens.alerting.Signal;
import org.jspecify.annotations.Nullable;

/**
 * What to change, why (the evidence: which series showed which numbers), and what it saves a month where it saves
 * money.
 *
 * @param function the function concerned, or {@code null} for a whole account and region
 * @param monthlySaving USD per 30 days at the recent rate, {@code null} where the change is about risk, not money
 * @param savingMethod how the saving was worked out, with its assumptions
 * @param alert a rule that would warn before this happens again, for one click on the insights page
 */
public record Recommendation(Kind kind, Priority priority, String account, String region, @Nullable String function,
        String title, String action, List<Evidence> evidence, @Nullable BigDecimal monthlySaving,
        @Nullable String savingMethod, @Nullable AlertSuggestion alert) {

    public Recommendation {
        evidence = List.copyOf(evidence);
    }

    /** What kind of change it is. */
    public enum Kind {
        ACCOUNT_CONCURRENCY_NEAR_LIMIT, RAISE_RESERVED_CONCURRENCY, ACCOUNT_THROTTLING, NEAR_TIMEOUT, RAISE_MEMORY,
        PACKAGE_NEAR_LIMIT, LOWER_TIMEOUT, RIGHT_SIZE_MEMORY, MOVE_TO_ARM64, LAYERS_NEAR_LIMIT, REVIEW_VPC,
        /** Frequent, slow cold starts (from REPORT lines): SnapStart or provisioned concurrency. */
        COLD_STARTS,
        /** Provisioned concurrency used little for a whole week: allocate less. */
        REDUCE_PROVISIONED_CONCURRENCY,
        /** Invocations spilling over the provisioned concurrency (to on-demand, cold): allocate more. */
        RAISE_PROVISIONED_CONCURRENCY;

        /** Whether it is about something breaking rather than money. */
        public boolean risk() {
            return this != RIGHT_SIZE_MEMORY && this != MOVE_TO_ARM64 && this != REVIEW_VPC && this != LOWER_TIMEOUT
                    && this != COLD_STARTS && this != REDUCE_PROVISIONED_CONCURRENCY;
        }
    }

    /** How soon it matters. */
    public enum Priority {
        HIGH, MEDIUM, LOW
    }

    /**
     * One number behind a recommendation.
     *
     * @param series the stored series it comes from (metric and statistic), or {@code null} for configuration
     */
    public record Evidence(String label, String value, @Nullable String series) {
    }

    /** A rule the alerting module can create as it is. */
    public record AlertSuggestion(String name, Signal signal, @Nullable String metric, @Nullable String statistic,
            double threshold, RuleScope scope,
            @Nullable String scopeValue, @Nullable String account, @Nullable String region) {
    }
}
