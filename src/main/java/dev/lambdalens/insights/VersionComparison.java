package dev.lambdalens.insights;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The versions one weighted alias runs during a rollout, side by side over the same minutes, from CloudWatch's
 * metrics by {@code ExecutedVersion}: so a canary that fails or runs slower than the version it replaces shows before
 * it takes all the traffic.
 *
 * @param versions the alias' own version first, then the versions it shifts traffic to
 */
public record VersionComparison(String alias, Instant from, Instant to, List<Version> versions) {

    public VersionComparison {
        versions = List.copyOf(versions);
    }

    /**
     * One version's figures over the window.
     *
     * @param weight the share of the alias' invocations routed to it (0 to 1), as configured
     * @param averageMs Duration's Sum over the invocations: the exact average ({@code null}: no invocations)
     * @param highestP99Ms the highest 1-minute p99 (percentiles of minutes cannot be combined into the window's)
     */
    public record Version(String version, double weight, double invocations, double errors,
            @Nullable Double averageMs, @Nullable Double highestP99Ms) {

        /** Errors as a share of the invocations. */
        public @Nullable Double errorRate() {
            return (this.invocations > 0) ? this.errors / this.invocations : null;
        }

        /** The share of the alias' invocations it actually ran. */
        public double share(VersionComparison of) {
            double all = of.versions.stream().mapToDouble(Version::invocations).sum();
            return (all > 0) ? this.invocations / all : 0;
        }
    }

    /** The version the alias points at, the one the others are measured against. */
    public Version stable() {
        return this.versions.get(0);
    }

    /** The versions the alias shifts part of its traffic to. */
    public List<Version> candidates() {
        return this.versions.subList(1, this.versions.size());
    }

    /**
     * Each candidate against the stable version in a sentence:
     * {@code version 42 against 41: error rate 3.10% vs 0.62%, average +25%, p99 +25%}.
     */
    public List<String> verdicts() {
        Version stable = stable();
        return candidates().stream()
            .map((v) -> "version " + v.version() + " against " + stable.version() + ": error rate "
                    + rate(v.errorRate()) + " vs " + rate(stable.errorRate()) + ", average "
                    + ChangeImpact.percent(ChangeImpact.relative(stable.averageMs(), v.averageMs())) + ", p99 "
                    + ChangeImpact.percent(ChangeImpact.relative(stable.highestP99Ms(), v.highestP99Ms())))
            .toList();
    }

    private static String rate(@Nullable Double rate) {
        return (rate != null) ? String.format(Locale.ROOT, "%.2f%%", rate * 100) : "n/a";
    }
}
