package dev.lambdalens.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import dev.lambdalens.alerting.RuleScope;
import dev.lambdalens.alerting.Signal;
import dev.lambdalens.cost.CostReports;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.insights.Recommendation.AlertSuggestion;
import dev.lambdalens.insights.Recommendation.Evidence;
import dev.lambdalens.insights.Recommendation.Kind;
import dev.lambdalens.insights.Recommendation.Priority;
import org.jspecify.annotations.Nullable;

/**
 * The rules that turn headroom into recommendations. Each needs evidence: no figure, no recommendation. Duration and
 * memory rules also need enough invocations for their figures to mean something.
 */
final class Recommender {

    /** Invocations in the range below which durations and memory use are too few to judge by. */
    static final double MIN_INVOCATIONS = 100;

    /** A saving below this (USD per 30 days) is not worth a change. */
    static final double MIN_SAVING = 0.01;

    private Recommender() {
    }

    static List<Recommendation> forRegion(RegionHeadroom region, String range) {
        List<Recommendation> found = new ArrayList<>();
        Double share = region.peakShare();
        if (share != null && share >= 80) {
            found.add(new Recommendation(Kind.ACCOUNT_CONCURRENCY_NEAR_LIMIT, (share >= 90) ? Priority.HIGH : Priority.MEDIUM,
                    region.account(), region.region(), null,
                    String.format("Account concurrency reached %.0f%% of the limit in %s", share, region.region()),
                    "Request a higher concurrency quota for " + region.region() + ", and reserve concurrency for the "
                            + "functions that must not be throttled when the account runs out.",
                    List.of(new Evidence("Peak ClaimedAccountConcurrency (Maximum, " + range + ")",
                            number(region.peakClaimed()), "ClaimedAccountConcurrency"),
                            new Evidence("Peak ConcurrentExecutions (Maximum, " + range + ")",
                                    number(region.peakConcurrent()), "ConcurrentExecutions"),
                            new Evidence("Account concurrency limit", number(region.concurrencyLimit()), null)),
                    null, null, new AlertSuggestion("Account concurrency above 80% of the limit in " + region.region(),
                            Signal.ACCOUNT_CONCURRENCY_SHARE, null, null, 80, RuleScope.ALL, null, region.account(),
                            region.region())));
        }
        return found;
    }

    static List<Recommendation> forFunction(FunctionHeadroom h, @Nullable RegionHeadroom region,
            CostReports.RunRate.@Nullable FunctionRate rate, String costMethod, String range) {
        List<Recommendation> found = new ArrayList<>();
        FunctionSummary f = h.function();
        throttling(h, region, range, found);
        timeouts(h, range, found);
        memory(h, rate, costMethod, range, found);
        coldStarts(h, range, found);
        if (f.architecture() == Architecture.X86_64 && rate != null && rate.arm64Saving() >= MIN_SAVING) {
            found.add(recommendation(Kind.MOVE_TO_ARM64, (rate.arm64Saving() >= 10) ? Priority.MEDIUM : Priority.LOW, f,
                    "Run " + f.name() + " on arm64",
                    "Switch the architecture to arm64 (Graviton), whose GB-second costs 20% less. "
                            + ((f.runtime() == null) ? "It is a container image: build it for linux/arm64 first."
                                    : (f.runtime().startsWith("provided") ? "A custom runtime needs an arm64 build."
                                            : "Check native dependencies have arm64 builds.")),
                    List.of(new Evidence("Compute cost per 30 days", money(rate.compute()), "Duration Sum"),
                            new Evidence("Architecture", "x86_64", null)),
                    rate.arm64Saving(), costMethod + ", priced at arm64's rate, assuming the same duration", null));
        }
        if (h.packageShare() >= 80) {
            found.add(recommendation(Kind.PACKAGE_NEAR_LIMIT, Priority.MEDIUM, f,
                    String.format("%s's package is at %.0f%% of the 250 MB limit", f.name(), h.packageShare()),
                    "Trim dependencies or move them to a container image (up to 10 GB) before a deployment fails. "
                            + "These are zipped sizes: unzipped, the package is larger still.",
                    List.of(new Evidence("Code size (zipped)", bytes(f.codeSizeBytes()), null),
                            new Evidence("Layers code size (zipped)", bytes(f.layersCodeSizeBytes()), null)),
                    null, null, null));
        }
        if (f.layerCount() >= FunctionHeadroom.LAYER_LIMIT - 1) {
            found.add(recommendation(Kind.LAYERS_NEAR_LIMIT, Priority.LOW, f,
                    f.name() + " uses " + f.layerCount() + " of 5 layers",
                    "Merge layers before the next one is needed: a function can have at most 5.",
                    List.of(new Evidence("Layers", String.valueOf(f.layerCount()), null)), null, null, null));
        }
        if (f.vpcId() != null) {
            found.add(recommendation(Kind.REVIEW_VPC, Priority.LOW, f, f.name() + " runs in a VPC",
                    "Check it needs to: VPC functions use subnet IP addresses, need a NAT gateway or VPC endpoints to "
                            + "reach AWS services and the internet (NAT is billed per GB), and scale within the subnets.",
                    List.of(new Evidence("VPC", f.vpcId(), null)), null, null, null));
        }
        return found;
    }

    private static void throttling(FunctionHeadroom h, @Nullable RegionHeadroom region, String range,
            List<Recommendation> found) {
        FunctionSummary f = h.function();
        if (h.throttles() <= 0) {
            return;
        }
        Integer reserved = f.reservedConcurrency();
        Evidence throttles = new Evidence("Throttles (Sum, " + range + ")", number(h.throttles()), "Throttles");
        Evidence peak = new Evidence("Peak ConcurrentExecutions (Maximum, " + range + ")", number(h.peakConcurrency()),
                "ConcurrentExecutions");
        if (reserved != null) {
            int proposed = (int) Math.ceil(reserved * 1.5);
            Integer reservable = (region != null) ? region.reservableLeft() : null;
            if (reservable != null) {
                proposed = Math.min(proposed, reserved + reservable);
            }
            String action = (proposed > reserved)
                    ? "Raise reserved concurrency from " + reserved + " to " + proposed
                            + " (the peak hit the reservation, and requests beyond it were refused)."
                    : "The account has no concurrency left to reserve: raise the account quota first.";
            found.add(recommendation(Kind.RAISE_RESERVED_CONCURRENCY, Priority.HIGH, f,
                    f.name() + " was throttled at its reserved concurrency of " + reserved, action,
                    List.of(throttles, peak, new Evidence("Reserved concurrency", String.valueOf(reserved), null)),
                    null, null, new AlertSuggestion(f.name() + " above 90% of its reserved concurrency",
                            Signal.RESERVED_CONCURRENCY_SHARE, null, null, 90, RuleScope.FUNCTION, f.name(), f.account(),
                            f.region())));
        }
        else {
            List<Evidence> evidence = new ArrayList<>(List.of(throttles, peak));
            if (region != null && region.concurrencyLimit() != null) {
                evidence.add(new Evidence("Account concurrency limit", String.valueOf(region.concurrencyLimit()), null));
            }
            found.add(recommendation(Kind.ACCOUNT_THROTTLING, Priority.HIGH, f,
                    f.name() + " was throttled without reserved concurrency",
                    "The account ran out of unreserved concurrency: reserve concurrency for " + f.name()
                            + " if it must keep running, and request a higher account quota.",
                    evidence, null, null, new AlertSuggestion("Account concurrency above 80% of the limit in "
                            + f.region(), Signal.ACCOUNT_CONCURRENCY_SHARE, null, null, 80, RuleScope.ALL, null, f.account(),
                            f.region())));
        }
    }

    private static void timeouts(FunctionHeadroom h, String range, List<Recommendation> found) {
        FunctionSummary f = h.function();
        Double p99Share = h.p99ShareOfTimeout();
        Double maxShare = h.maxShareOfTimeout();
        if (h.invocations() <= 0 || p99Share == null || maxShare == null) {
            return;
        }
        List<Evidence> evidence = List.of(
                new Evidence("Highest 1-minute p99 Duration (" + range + ")", millis(h.p99Ms()), "Duration p99"),
                new Evidence("Maximum Duration (" + range + ")", millis(h.maxMs()), "Duration Maximum"),
                new Evidence("Timeout", f.timeoutSeconds() + " s", null));
        if (p99Share >= 80 || maxShare >= 95) {
            int proposed = (int) Math.min(FunctionHeadroom.MAX_TIMEOUT_SECONDS, Math.ceil(h.maxMs() * 1.5 / 1000));
            String action = h.timeoutAtHardLimit()
                    ? "The timeout is at Lambda's 900 s hard limit: split the work (Step Functions, smaller batches)."
                    : (proposed > f.timeoutSeconds() ? "Raise the timeout to " + proposed + " s, or make the slow "
                            + "invocations faster: invocations reaching the timeout fail and are billed in full."
                            : "Make the slow invocations faster: they come within reach of the timeout.");
            found.add(recommendation(Kind.NEAR_TIMEOUT, (maxShare >= 100 || p99Share >= 90) ? Priority.HIGH
                    : Priority.MEDIUM, f, String.format("%s's p99 duration reaches %.0f%% of its timeout", f.name(),
                            p99Share), action, evidence, null, null,
                    new AlertSuggestion(f.name() + " p99 duration above 90% of the timeout", Signal.P99_SHARE_OF_TIMEOUT,
                            null, null, 90, RuleScope.FUNCTION, f.name(), f.account(), f.region())));
        }
        else if (h.invocations() >= MIN_INVOCATIONS && f.timeoutSeconds() >= 10 && h.maxMs() * 3 < f.timeoutSeconds() * 1000.0
                && f.timeoutSeconds() * 1000.0 - h.maxMs() >= 10_000) {
            int proposed = (int) Math.max(3, Math.ceil(h.maxMs() * 3 / 1000));
            found.add(recommendation(Kind.LOWER_TIMEOUT, Priority.LOW, f,
                    String.format("%s's timeout is %.0f times its longest invocation", f.name(),
                            f.timeoutSeconds() * 1000.0 / h.maxMs()),
                    "Lower the timeout from " + f.timeoutSeconds() + " s to " + proposed + " s (three times the "
                            + "longest invocation, which also bounds p99.9): a hung invocation then fails fast "
                            + "instead of holding concurrency and billing for the full timeout.",
                    evidence, null, null, null));
        }
    }

    private static void memory(FunctionHeadroom h, CostReports.RunRate.@Nullable FunctionRate rate, String costMethod,
            String range, List<Recommendation> found) {
        FunctionSummary f = h.function();
        Double used = h.usedMemoryMaxMb();
        boolean fromReports = false;
        if (used == null && h.logs() != null && h.logs().maxMemoryUsedMb() != null) {
            used = h.logs().maxMemoryUsedMb(); // REPORT lines say it too, without Lambda Insights
            fromReports = true;
        }
        double judged = fromReports ? h.logs().reportedInvocations() : h.invocations();
        if (used == null || judged < MIN_INVOCATIONS) {
            return;
        }
        List<Evidence> evidence = List.of(
                fromReports ? new Evidence("Most memory used (REPORT lines' Max Memory Used, " + range + ")",
                        megabytes(used), "MaxMemoryUsed Maximum")
                        : new Evidence("Most memory used (Lambda Insights used_memory_max, " + range + ")",
                                megabytes(used), "used_memory_max Maximum"),
                new Evidence("Configured memory", f.memoryMb() + " MB", null),
                new Evidence("Invocations (" + range + ")", number(h.invocations()), "Invocations"));
        if (used >= 0.9 * f.memoryMb() && f.memoryMb() < 10_240) {
            int proposed = (int) Math.min(10_240, roundUp64(used * 1.3));
            found.add(recommendation(Kind.RAISE_MEMORY, (used >= 0.97 * f.memoryMb()) ? Priority.HIGH : Priority.MEDIUM,
                    f, String.format("%s used %.0f%% of its memory", f.name(), used * 100 / f.memoryMb()),
                    "Raise memory from " + f.memoryMb() + " MB to " + proposed
                            + " MB before invocations fail out of memory (more memory also brings more CPU).",
                    evidence, null, null, new AlertSuggestion(f.name() + " memory above 90%", Signal.METRIC,
                            fromReports ? "MemoryUsedShare" : "memory_utilization", "Maximum", 90, RuleScope.FUNCTION,
                            f.name(), f.account(), f.region())));
        }
        else if (used <= 0.5 * f.memoryMb() && f.memoryMb() > 128) {
            int proposed = (int) Math.max(128, roundUp64(used * 1.5));
            if (proposed < f.memoryMb() && rate != null) {
                double saving = rate.compute() * (1 - (double) proposed / f.memoryMb());
                if (saving >= MIN_SAVING) {
                    found.add(recommendation(Kind.RIGHT_SIZE_MEMORY, (saving >= 10) ? Priority.MEDIUM : Priority.LOW, f,
                            String.format("%s uses at most %.0f%% of its memory", f.name(), used * 100 / f.memoryMb()),
                            "Lower memory from " + f.memoryMb() + " MB to " + proposed
                                    + " MB (1.5 times the most used). CPU scales with memory: watch the duration of a "
                                    + "CPU-bound function after the change.",
                            evidence, saving, costMethod + ", at the lower memory, assuming the same duration", null));
                }
            }
        }
    }

    /** Provisioned concurrency per GB-second provisioned (us-east-1), and SnapStart's cache and restore prices. */
    static final double PROVISIONED_GB_SECOND = 0.0000041667;

    static final double SNAPSTART_CACHE_GB_SECOND = 0.0000015046;

    static final double SNAPSTART_RESTORE_GB = 0.0001397998;

    static final double MONTH_SECONDS = 30 * 86_400;

    /**
     * Cold starts from REPORT lines: at least 5% of invocations and a p99 INIT of 500 ms or more. SnapStart where the
     * runtime has it (Java 11+, Python 3.12+, .NET 8+), else provisioned concurrency; each with its monthly cost.
     */
    private static void coldStarts(FunctionHeadroom h, String range, List<Recommendation> found) {
        FunctionHeadroom.FromLogs logs = h.logs();
        FunctionSummary f = h.function();
        if (logs == null || logs.reportedInvocations() < MIN_INVOCATIONS || logs.coldStartRate() < 0.05
                || logs.initP99Ms() == null || logs.initP99Ms() < 500) {
            return;
        }
        String runtime = (f.runtime() != null) ? f.runtime() : "";
        double gb = f.memoryMb() / 1024.0;
        double perEnvironment = gb * MONTH_SECONDS * PROVISIONED_GB_SECOND;
        int environments = (int) Math.max(1, Math.ceil((h.peakConcurrency() != null) ? h.peakConcurrency() : 1));
        List<Evidence> evidence = List.of(
                new Evidence("Cold starts (REPORT lines, " + range + ")", String.format("%s of %s invocations (%.1f%%)",
                        number(logs.coldStarts()), number(logs.reportedInvocations()), logs.coldStartRate() * 100),
                        "ColdStarts Sum"),
                new Evidence("INIT duration p99 (highest minute)", String.format("%.0f ms", logs.initP99Ms()),
                        "InitDuration p99"),
                new Evidence("Runtime", runtime.isEmpty() ? "container image" : runtime, null),
                new Evidence("Package with layers", megabytes((f.codeSizeBytes() + f.layersCodeSizeBytes()) / 1048576.0),
                        null));
        String provisioned = String.format("Provisioned concurrency costs %s a month per environment at %d MB "
                + "(%s for the peak of %d), plus executed GB-s at $0.0000097222 instead of the on-demand rate.",
                money(perEnvironment), f.memoryMb(), money(perEnvironment * environments), environments);
        String action;
        if (snapStart(runtime)) {
            double coldPerMonth = logs.coldStarts() / Math.max(1e-9, logs.reportedInvocations()) * h.invocations();
            String cost = runtime.startsWith("java") ? "SnapStart costs nothing extra for Java"
                    : String.format("SnapStart costs about %s a month (cache %s for one version, restores %s)",
                            money(gb * MONTH_SECONDS * SNAPSTART_CACHE_GB_SECOND + coldPerMonth * gb
                                    * SNAPSTART_RESTORE_GB),
                            money(gb * MONTH_SECONDS * SNAPSTART_CACHE_GB_SECOND), money(coldPerMonth * gb
                                    * SNAPSTART_RESTORE_GB));
            action = "Turn on SnapStart for published versions: a restore replaces most of the INIT phase. " + cost
                    + " over this range's rate. " + provisioned;
        }
        else {
            action = "Keep environments warm with provisioned concurrency on an alias, or shrink the package and "
                    + "the work done at INIT. " + provisioned;
        }
        found.add(recommendation(Kind.COLD_STARTS, (logs.coldStartRate() >= 0.2) ? Priority.MEDIUM : Priority.LOW, f,
                String.format("%s starts cold in %.0f%% of invocations, p99 INIT %.0f ms", f.name(),
                        logs.coldStartRate() * 100, logs.initP99Ms()),
                action, evidence, null, null, null));
    }

    /** Peak provisioned concurrency utilization (0 to 1) below which, all week long, the allocation is too large. */
    static final double LOW_UTILIZATION = 0.5;

    /** The utilization a reduced allocation aims at: Application Auto Scaling's usual target for it. */
    static final double TARGET_UTILIZATION = 0.7;

    /** Spillover, as a share of an alias's or version's invocations, from which the allocation is too small. */
    static final double SPILLOVER_SHARE = 0.01;

    /**
     * Provisioned concurrency on one alias or version: reduce it when its peak utilization stayed under 50% for the
     * whole last week at the current allocation (to what keeps the week's peak at 70%, with the monthly saving);
     * raise it when at least 1% of its invocations spilled over to on-demand environments over the range.
     */
    static List<Recommendation> forProvisioned(ProvisionedUse u, java.time.Instant now, String range) {
        List<Recommendation> found = new ArrayList<>();
        String target = u.function() + ":" + u.qualifier();
        Evidence allocated = new Evidence("Provisioned concurrency allocated (since " + u.allocatedSince() + ")",
                String.valueOf(u.allocated()), null);
        java.time.Instant weekFrom = now.minus(ProvisionedUsage.WEEK);
        Double peak = u.weekPeakUtilization();
        boolean wholeWeek = !u.allocatedSince().isAfter(weekFrom) && u.weekDataSince() != null
                && u.weekDataSince().isBefore(weekFrom.plus(java.time.Duration.ofDays(1)));
        if (peak != null && wholeWeek && peak < LOW_UTILIZATION && u.spilloverShare() < SPILLOVER_SHARE) {
            double peakInUse = (u.weekPeakExecutions() != null) ? u.weekPeakExecutions() : peak * u.allocated();
            int proposed = (int) Math.ceil(peakInUse / TARGET_UTILIZATION - 1e-9);
            double saving = (u.allocated() - proposed) * u.monthlyCostPerEnvironment();
            if (proposed < u.allocated() && saving >= MIN_SAVING) {
                found.add(new Recommendation(Kind.REDUCE_PROVISIONED_CONCURRENCY,
                        (saving >= 10) ? Priority.MEDIUM : Priority.LOW, u.account(), u.region(), u.function(),
                        String.format("%s used at most %.0f%% of its provisioned concurrency for a week", target,
                                peak * 100),
                        ((proposed == 0) ? "Remove the provisioned concurrency of " + target
                                : "Lower the provisioned concurrency of " + target + " from " + u.allocated() + " to "
                                        + proposed) + " (the week's peak of " + number(peakInUse)
                                + " environments in use at 70%): allocated environments are billed whether used or "
                                + "not.",
                        List.of(new Evidence("Peak ProvisionedConcurrencyUtilization (Maximum, 7 d)",
                                String.format("%.0f%%", peak * 100), "ProvisionedConcurrencyUtilization Maximum"),
                                new Evidence("Peak ProvisionedConcurrentExecutions (Maximum, 7 d)", number(peakInUse),
                                        "ProvisionedConcurrentExecutions Maximum"),
                                allocated, new Evidence("Memory", u.memoryMb() + " MB", null)),
                        BigDecimal.valueOf(saving).setScale(2, RoundingMode.HALF_UP),
                        String.format("%d fewer environments x %d MB x 30 days at %s per GB-s allocated",
                                u.allocated() - proposed, u.memoryMb(),
                                BigDecimal.valueOf(u.provisionedGbSecond()).toPlainString()),
                        null));
            }
        }
        double share = u.spilloverShare();
        if (u.spillover() > 0 && share >= SPILLOVER_SHARE) {
            int proposed = (share < 1) ? (int) Math.ceil(u.allocated() / (1 - share) - 1e-9) : 2 * u.allocated();
            proposed = Math.max(proposed, u.allocated() + 1);
            double extra = (proposed - u.allocated()) * u.monthlyCostPerEnvironment();
            found.add(new Recommendation(Kind.RAISE_PROVISIONED_CONCURRENCY,
                    (share >= 0.1) ? Priority.HIGH : (share >= 0.05) ? Priority.MEDIUM : Priority.LOW, u.account(),
                    u.region(), u.function(),
                    String.format("%.1f%% of %s's invocations spilled over its provisioned concurrency", share * 100,
                            target),
                    "Raise the provisioned concurrency of " + target + " from " + u.allocated() + " to " + proposed
                            + " (in proportion to the invocations it did not serve), or let Application Auto Scaling "
                            + "track a utilization target: spilled invocations ran on demand, with cold starts. The "
                            + "extra allocation costs " + money(extra) + " a month; the invocations it takes over are "
                            + "billed at the provisioned execution price instead of the on-demand one.",
                    List.of(new Evidence("ProvisionedConcurrencySpilloverInvocations (Sum, " + range + ")",
                            number(u.spillover()), "ProvisionedConcurrencySpilloverInvocations Sum"),
                            new Evidence("ProvisionedConcurrencyInvocations (Sum, " + range + ")",
                                    number(u.invocations()), "ProvisionedConcurrencyInvocations Sum"),
                            new Evidence("Spillover rate", String.format("%.1f%%", share * 100), null), allocated,
                            new Evidence("Extra cost per 30 days", money(extra), null)),
                    null, null, new AlertSuggestion(u.function() + " spillover above 1% of its provisioned invocations",
                            dev.lambdalens.alerting.Signal.SPILLOVER_RATE, null, null, SPILLOVER_SHARE * 100,
                            RuleScope.FUNCTION, u.function(), u.account(), u.region())));
        }
        return found;
    }

    /** Runtimes SnapStart supports. */
    static boolean snapStart(String runtime) {
        if (runtime.startsWith("java")) {
            return !runtime.equals("java8") && !runtime.equals("java8.al2");
        }
        if (runtime.startsWith("python3.")) {
            try {
                return Integer.parseInt(runtime.substring("python3.".length())) >= 12;
            }
            catch (NumberFormatException ex) {
                return false;
            }
        }
        return runtime.startsWith("dotnet") && !runtime.equals("dotnet6");
    }

    private static Recommendation recommendation(Kind kind, Priority priority, FunctionSummary f, String title,
            String action, List<Evidence> evidence, @Nullable Double saving, @Nullable String method,
            @Nullable AlertSuggestion alert) {
        return new Recommendation(kind, priority, f.account(), f.region(), f.name(), title, action, evidence,
                (saving != null) ? BigDecimal.valueOf(saving).setScale(2, RoundingMode.HALF_UP) : null, method, alert);
    }

    private static double roundUp64(double mb) {
        return Math.ceil(mb / 64) * 64;
    }

    static String number(@Nullable Number value) {
        return (value != null) ? String.format("%,.0f", value.doubleValue()) : "no data";
    }

    private static String millis(@Nullable Double value) {
        return (value != null) ? String.format("%,.0f ms", value) : "no data";
    }

    private static String megabytes(double mb) {
        return String.format("%,.0f MB", mb);
    }

    private static String bytes(long bytes) {
        return String.format("%,.1f MB", bytes / 1024.0 / 1024.0);
    }

    private static String money(double usd) {
        return String.format("$%,.2f", usd);
    }
}
