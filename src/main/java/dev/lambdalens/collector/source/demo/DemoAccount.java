package dev.lambdalens.collector.source.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.collector.source.demo.DemoFunction.Incidents;

/**
 * The simulated account: two regions, eighteen functions with the profiles an ops team meets in practice, four of
 * them with triggers ({@link DemoTriggers}).
 */
final class DemoAccount {

    static final String ACCOUNT_ID = "123456789012";

    static final String US_EAST_1 = "us-east-1";

    static final String EU_WEST_1 = "eu-west-1";

    /** Account concurrency limits: the default 1,000, and a region still on a lowered limit. */
    static final Map<String, Integer> CONCURRENCY_LIMITS = Map.of(US_EAST_1, 1_000, EU_WEST_1, 400);

    private static final long MB = 1024 * 1024;

    static final List<DemoFunction> FUNCTIONS = List.of(
            // us-east-1
            new DemoFunction(US_EAST_1, "orders-api", "nodejs20.x", Architecture.ARM64, 512, 29, null, 4 * MB,
                    Map.of("team", "checkout", "service", "orders"), Traffic.diurnal(400, 2_400, 15), 90, 4.0,
                    0.002, Incidents.NONE),
            new DemoFunction(US_EAST_1, "checkout-api", "java21", Architecture.X86_64, 1024, 30, null, 38 * MB,
                    Map.of("team", "checkout", "service", "checkout"), Traffic.diurnal(150, 900, 16), 240, 3.5,
                    0.005, Incidents.NONE),
            new DemoFunction(US_EAST_1, "auth-authorizer", "python3.12", Architecture.ARM64, 128, 5, null, MB / 2,
                    Map.of("team", "platform", "service", "auth"), Traffic.diurnal(1_500, 6_000, 15), 6, 3.0, 0,
                    Incidents.NONE),
            new DemoFunction(US_EAST_1, "image-resizer", "python3.12", Architecture.X86_64, 2048, 60, 20, 61 * MB,
                    Map.of("team", "media", "service", "images"),
                    Traffic.bursty(30, 1_200, Duration.ofMinutes(47), Duration.ofMinutes(6)), 1_800, 2.0, 0.001,
                    Incidents.NONE),
            new DemoFunction(US_EAST_1, "payment-webhook", "nodejs20.x", Architecture.X86_64, 256, 15, null, 9 * MB,
                    Map.of("team", "payments", "service", "payments"), Traffic.steady(60), 350, 3.0, 0.07,
                    new Incidents(Duration.ofHours(3), Duration.ofMinutes(10), 0.4)),
            new DemoFunction(US_EAST_1, "pdf-renderer", "java17", Architecture.X86_64, 1536, 30, null, 112 * MB,
                    Map.of("team", "documents", "service", "invoices"), Traffic.steady(12), 24_000, 1.18, 0.01,
                    Incidents.NONE),
            new DemoFunction(US_EAST_1, "nightly-report", "python3.11", Architecture.X86_64, 3072, 900, null,
                    48 * MB, Map.of("team", "analytics", "service", "reports"),
                    Traffic.cron(Duration.ofHours(1), Duration.ZERO, Duration.ofMinutes(8), 4), 95_000, 1.6, 0.002,
                    Incidents.NONE),
            new DemoFunction(US_EAST_1, "queue-consumer", "provided.al2023", Architecture.ARM64, 256, 120, null,
                    12 * MB, Map.of("team", "platform", "service", "queues"), Traffic.diurnal(150, 260, 14), 45, 2.5,
                    0.001, Incidents.NONE),
            // eu-west-1
            new DemoFunction(EU_WEST_1, "orders-api", "nodejs20.x", Architecture.ARM64, 512, 29, null, 4 * MB,
                    Map.of("team", "checkout", "service", "orders"), Traffic.diurnal(200, 1_400, 10), 95, 4.0, 0.002,
                    Incidents.NONE),
            new DemoFunction(EU_WEST_1, "email-sender", "nodejs20.x", Architecture.ARM64, 256, 30, null, 6 * MB,
                    Map.of("team", "growth", "service", "email"), Traffic.steady(80), 600, 2.5, 0.01,
                    Incidents.NONE),
            new DemoFunction(EU_WEST_1, "etl-hourly", "python3.12", Architecture.X86_64, 3072, 900, null, 210 * MB,
                    Map.of("team", "analytics", "service", "etl"),
                    Traffic.cron(Duration.ofHours(1), Duration.ofMinutes(30), Duration.ofMinutes(20), 10), 240_000,
                    1.5, 0.003, Incidents.NONE),
            new DemoFunction(EU_WEST_1, "thumbnailer", "nodejs20.x", Architecture.ARM64, 1024, 30, 10, 22 * MB,
                    Map.of("team", "media", "service", "images"),
                    Traffic.bursty(10, 600, Duration.ofMinutes(31), Duration.ofMinutes(4)), 900, 2.0, 0.002,
                    Incidents.NONE),
            new DemoFunction(EU_WEST_1, "legacy-cron", "python3.9", Architecture.X86_64, 128, 60, null, MB,
                    Map.of("team", "platform"),
                    Traffic.cron(Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(1), 1), 3_000, 1.4, 0.02,
                    Incidents.NONE),
            new DemoFunction(EU_WEST_1, "stream-processor", "java21", Architecture.ARM64, 2048, 300, null, 74 * MB,
                    Map.of("team", "data", "service", "streams"), Traffic.steady(120), 1_500, 2.5, 0.004,
                    Incidents.NONE),
            // functions with triggers (DemoTriggers): a Kinesis consumer, an SQS consumer, an S3-triggered
            // asynchronous function and an API with provisioned concurrency
            new DemoFunction(US_EAST_1, DemoTriggers.CLICKSTREAM, "java21", Architecture.ARM64, 1024, 60, null,
                    28 * MB, Map.of("team", "data", "service", "clickstream"), Traffic.steady(40), 800, 2.0, 0.002,
                    Incidents.NONE),
            new DemoFunction(US_EAST_1, DemoTriggers.REFUNDS, "python3.12", Architecture.X86_64, 512, 30, null,
                    3 * MB, Map.of("team", "payments", "service", "refunds"), Traffic.diurnal(20, 120, 15), 400, 2.5,
                    0.05, Incidents.NONE),
            new DemoFunction(US_EAST_1, DemoTriggers.SEARCH, "nodejs20.x", Architecture.ARM64, 1024, 10, null,
                    7 * MB, Map.of("team", "discovery", "service", "search"), Traffic.diurnal(300, 3_000, 15), 900,
                    3.0, 0.001, Incidents.NONE),
            new DemoFunction(EU_WEST_1, DemoTriggers.UPLOADS, "nodejs20.x", Architecture.ARM64, 1024, 120, null,
                    18 * MB, Map.of("team", "media", "service", "uploads"), Traffic.steady(30), 2_000, 2.0, 0.003,
                    Incidents.NONE));

    private DemoAccount() {
    }

    static List<DemoFunction> functionsIn(String region) {
        return FUNCTIONS.stream().filter((function) -> function.region().equals(region)).toList();
    }

    /** The ETL job unpacks its input to a 4 GB {@code /tmp}, billed above the included 512 MB. */
    static int ephemeralStorageMb(DemoFunction function) {
        return "etl-hourly".equals(function.name()) ? 4_096 : DiscoveredFunction.INCLUDED_EPHEMERAL_STORAGE_MB;
    }

    /**
     * Three functions carry Lambda Insights: checkout-api uses about 30% of its 1 GB, nightly-report about a third of
     * its 3 GB, pdf-renderer nearly all of its 1.5 GB.
     */
    static boolean lambdaInsights(DemoFunction function) {
        return usedMemoryShare(function) > 0;
    }

    /** The mean share of its memory a function with Lambda Insights uses; 0 without Insights. */
    static double usedMemoryShare(DemoFunction function) {
        return switch (function.name()) {
            case "checkout-api" -> 0.30;
            case "nightly-report" -> 0.33;
            case "pdf-renderer" -> 0.90;
            default -> 0;
        };
    }
}
