package dev.lambdalens.collector.source.demo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lambdalens.inventory.AsyncInvocation;
import dev.lambdalens.inventory.EventSourceKind;
import dev.lambdalens.inventory.EventSourceMapping;
import dev.lambdalens.inventory.FunctionAlias;
import dev.lambdalens.inventory.InvocationSetup;
import dev.lambdalens.inventory.ProvisionedConcurrency;
import dev.lambdalens.inventory.PublishedVersion;

/**
 * What invokes the demo's functions and where their events go, as discovery reports it: a Kinesis consumer, an SQS
 * consumer, an S3-triggered asynchronous function, an API with provisioned concurrency and one rolling a new version
 * out behind a weighted alias; the others are invoked directly. {@link TriggerSimulation} makes their metrics.
 */
final class DemoTriggers {

    static final String CLICKSTREAM = "clickstream-consumer";

    static final String REFUNDS = "refund-worker";

    static final String UPLOADS = "upload-scanner";

    static final String SEARCH = "search-api";

    static final String CLICKSTREAM_MAPPING = "6f2d9b1e-4a7c-4e0b-9c3d-51a8e2f07c11";

    static final String REFUNDS_MAPPING = "b84e0c27-93f5-4d61-a2b8-0e7d6c5f3a92";

    /** The alias behind which search-api keeps its provisioned concurrency, and how much. */
    static final String SEARCH_ALIAS = "live";

    static final int SEARCH_PROVISIONED = 40;

    /** checkout-api's alias, rolling its version 42 out to a tenth of the traffic while 41 serves the rest. */
    static final String CHECKOUT = "checkout-api";

    static final String CHECKOUT_ALIAS = "prod";

    static final String CHECKOUT_STABLE = "41";

    static final String CHECKOUT_CANARY = "42";

    static final double CHECKOUT_CANARY_WEIGHT = 0.1;

    /** upload-scanner's events are dropped once they are half an hour old. */
    static final int UPLOADS_MAXIMUM_EVENT_AGE_SECONDS = 1_800;

    private static final Instant CONFIGURED = Instant.parse("2026-10-05T09:12:00Z");

    private static final Instant CANARY_PUBLISHED = Instant.parse("2026-11-26T15:40:00Z");

    private DemoTriggers() {
    }

    /** The event source mappings of one region of the demo account. */
    static List<EventSourceMapping> mappingsIn(String region) {
        return DemoAccount.functionsIn(region).stream().flatMap((f) -> mappingsOf(f).stream()).toList();
    }

    private static List<EventSourceMapping> mappingsOf(DemoFunction function) {
        String arn = "arn:aws:%s:" + function.region() + ":" + DemoAccount.ACCOUNT_ID + ":%s";
        return switch (function.name()) {
            case CLICKSTREAM -> List.of(new EventSourceMapping(CLICKSTREAM_MAPPING, CLICKSTREAM, null,
                    arn.formatted("kinesis", "stream/clickstream"), EventSourceKind.KINESIS, "Enabled", 500, 1,
                    List.of(), arn.formatted("sqs", "clickstream-discarded"), Set.of(), 86_400, CONFIGURED));
            case REFUNDS -> List.of(new EventSourceMapping(REFUNDS_MAPPING, REFUNDS, null,
                    arn.formatted("sqs", "refund-requests"), EventSourceKind.SQS, "Enabled", 10, 0, List.of(), null,
                    Set.of(EventSourceMapping.EVENT_COUNT), null, CONFIGURED));
            default -> List.of();
        };
    }

    /** A function's invocation setup as discovery reads it; nothing for those invoked only directly. */
    static InvocationSetup setupOf(DemoFunction function) {
        return switch (function.name()) {
            case UPLOADS -> new InvocationSetup(new AsyncInvocation(UPLOADS_MAXIMUM_EVENT_AGE_SECONDS, 2, null,
                    "arn:aws:sqs:" + function.region() + ":" + DemoAccount.ACCOUNT_ID + ":upload-scanner-failed"),
                    null, Set.of("s3.amazonaws.com"), List.of(), List.of(), List.of());
            case SEARCH -> new InvocationSetup(null, null, Set.of(),
                    List.of(new FunctionAlias(SEARCH_ALIAS, "7", Map.of())),
                    List.of(new PublishedVersion("6", null, function.memoryMb(), Instant.parse("2026-10-20T14:03:00Z")),
                            new PublishedVersion("7", null, function.memoryMb(), CONFIGURED)),
                    List.of(new ProvisionedConcurrency(SEARCH_ALIAS, SEARCH_PROVISIONED, SEARCH_PROVISIONED, "READY",
                            CONFIGURED)));
            case CHECKOUT -> new InvocationSetup(null, null, Set.of(),
                    List.of(new FunctionAlias(CHECKOUT_ALIAS, CHECKOUT_STABLE,
                            Map.of(CHECKOUT_CANARY, CHECKOUT_CANARY_WEIGHT))),
                    List.of(new PublishedVersion(CHECKOUT_STABLE, null, function.memoryMb(), CONFIGURED),
                            new PublishedVersion(CHECKOUT_CANARY, null, function.memoryMb(), CANARY_PUBLISHED)),
                    List.of());
            default -> InvocationSetup.NONE;
        };
    }
}
