package dev.lambdalens.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lambdalens.inventory.AsyncInvocation;
import dev.lambdalens.inventory.EventSourceKind;
import dev.lambdalens.inventory.EventSourceMapping;
import dev.lambdalens.inventory.FunctionTriggers;
import dev.lambdalens.inventory.ProvisionedConcurrency;
import dev.lambdalens.metrics.LambdaMetric;
import org.jspecify.annotations.Nullable;

/**
 * A function's triggers as a small graph in four columns, events flowing left to right: where they come from (streams,
 * queues, services), how they arrive (event source mappings, the asynchronous event queue), the function, and where
 * its results go (destinations, dead-letter queue). Each node carries its health over the last hour.
 */
record TriggerGraph(List<Node> sources, List<Node> arrivals, Node function, List<Node> destinations) {

    /** A stream consumer this far behind is a problem (the shipped rule's threshold); a tenth of it is a warning. */
    static final double LAG_PROBLEM_MS = 300_000;

    static final Map<String, String> SERVICES = Map.of("s3.amazonaws.com", "Amazon S3", "sns.amazonaws.com",
            "Amazon SNS", "events.amazonaws.com", "Amazon EventBridge", "scheduler.amazonaws.com",
            "EventBridge Scheduler", "logs.amazonaws.com", "CloudWatch Logs", "ses.amazonaws.com", "Amazon SES",
            "iot.amazonaws.com", "AWS IoT");

    /** Whether nothing is known to invoke the function or receive its events. */
    public boolean empty() {
        return this.sources.isEmpty() && this.arrivals.isEmpty() && this.destinations.isEmpty()
                && this.function.health().isEmpty();
    }

    /** The last hour's figure of one of the function's series ({@code qualifier}: alias, version or mapping). */
    @FunctionalInterface
    interface Figures {

        @Nullable Double of(LambdaMetric metric, @Nullable String qualifier);
    }

    static TriggerGraph of(FunctionTriggers triggers, Figures figures) {
        List<Node> sources = new ArrayList<>();
        List<Node> arrivals = new ArrayList<>();
        List<Node> destinations = new ArrayList<>();
        boolean oneStream = triggers.mappings().stream().filter((m) -> m.kind().stream()).count() == 1;
        boolean oneKafka = triggers.mappings().stream().filter((m) -> m.kind().kafka()).count() == 1;
        for (EventSourceMapping m : triggers.mappings()) {
            sources.add(new Node("source", kindName(m.kind()), resourceName(m.sourceArn()), m.sourceArn(), List.of()));
            arrivals.add(mapping(m, figures, m.kind().stream() && oneStream, m.kind().kafka() && oneKafka));
        }
        triggers.setup().asyncSources().stream().sorted().forEach((service) -> sources.add(new Node("source",
                "Service", SERVICES.getOrDefault(service, service), "invokes asynchronously", List.of())));
        if (triggers.invokedAsynchronously()) {
            arrivals.add(asyncQueue(triggers.setup().asyncInvocation(), figures));
        }
        addDestinations(triggers, figures, destinations);
        return new TriggerGraph(sources, arrivals, function(triggers, figures), destinations);
    }

    private static Node mapping(EventSourceMapping m, Figures figures, boolean lag, boolean offsetLag) {
        List<Health> health = new ArrayList<>();
        health.add(new Health("State", m.state(), m.enabled() ? Status.OK : Status.WARNING));
        if (m.kind().stream()) {
            Double age = lag ? figures.of(LambdaMetric.ITERATOR_AGE, null) : null;
            health.add((age != null) ? new Health("Iterator age, max", Units.duration(age), lagStatus(age))
                    : new Health("Iterator age, max", lag ? "no data" : "see the chart (function-wide)",
                            Status.UNKNOWN));
        }
        if (m.kind().kafka()) {
            Double offsets = offsetLag ? figures.of(LambdaMetric.OFFSET_LAG, null) : null;
            health.add(new Health("Offset lag, max", (offsets != null) ? Units.number(offsets) + " records" : "no data",
                    (offsets == null) ? Status.UNKNOWN : (offsets > 0) ? Status.WARNING : Status.OK));
        }
        if (m.eventCountMetrics()) {
            Double polled = figures.of(LambdaMetric.POLLED_EVENT_COUNT, m.uuid());
            health.add(new Health("Events polled", Units.count(polled), Status.OK));
            health.add(count("Failed events", figures.of(LambdaMetric.FAILED_INVOKE_EVENT_COUNT, m.uuid()),
                    Status.WARNING));
            health.add(count("Dropped events", figures.of(LambdaMetric.DROPPED_EVENT_COUNT, m.uuid()),
                    Status.PROBLEM));
        }
        String detail = "batch " + ((m.batchSize() != null) ? m.batchSize() : "default")
                + ((m.batchingWindowSeconds() != null && m.batchingWindowSeconds() > 0)
                        ? ", window " + m.batchingWindowSeconds() + " s" : "")
                + (m.filters().isEmpty() ? "" : ", " + m.filters().size() + " filter(s)") + ", from "
                + resourceName(m.sourceArn());
        return new Node("mapping", "Event source mapping", m.uuid(), detail, health);
    }

    private static Node asyncQueue(@Nullable AsyncInvocation async, Figures figures) {
        int maximumAge = (async != null) ? async.effectiveMaximumEventAgeSeconds()
                : AsyncInvocation.DEFAULT_MAXIMUM_EVENT_AGE_SECONDS;
        List<Health> health = new ArrayList<>();
        health.add(new Health("Events received", Units.count(figures.of(LambdaMetric.ASYNC_EVENTS_RECEIVED, null)),
                Status.OK));
        Double age = figures.of(LambdaMetric.ASYNC_EVENT_AGE, null);
        double share = (age != null) ? age / (maximumAge * 1000.0) : 0;
        health.add(new Health("Event age, max",
                (age != null) ? Units.duration(age) + " of " + Units.duration(maximumAge * 1000.0) : "no data",
                (age == null) ? Status.UNKNOWN : (share >= 0.9) ? Status.PROBLEM : (share >= 0.5) ? Status.WARNING
                        : Status.OK));
        health.add(count("Events dropped", figures.of(LambdaMetric.ASYNC_EVENTS_DROPPED, null), Status.PROBLEM));
        String retries = "retries " + ((async != null && async.maximumRetryAttempts() != null)
                ? async.maximumRetryAttempts() : 2);
        return new Node("async", "Asynchronous invocation", "event queue",
                "events kept up to " + Units.duration(maximumAge * 1000.0) + ", " + retries, health);
    }

    private static Node function(FunctionTriggers triggers, Figures figures) {
        List<Health> health = new ArrayList<>();
        for (ProvisionedConcurrency pc : triggers.provisioned()) {
            Double utilization = figures.of(LambdaMetric.PROVISIONED_CONCURRENCY_UTILIZATION, pc.qualifier());
            health.add(new Health("Provisioned on " + pc.qualifier(),
                    pc.allocated() + " of " + pc.requested() + " allocated"
                            + ("READY".equals(pc.status()) ? "" : ", " + pc.status().toLowerCase(Locale.ROOT))
                            + ((utilization != null) ? ", up to " + Math.round(utilization * 100) + "% used" : ""),
                    "READY".equals(pc.status()) ? Status.OK : Status.WARNING));
            health.add(count("Spillover on " + pc.qualifier(),
                    figures.of(LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, pc.qualifier()),
                    Status.WARNING));
        }
        boolean recursion = triggers.invokedAsynchronously()
                || triggers.mappings().stream().anyMatch((m) -> m.kind() == EventSourceKind.SQS);
        if (recursion) {
            health.add(count("Recursive loops stopped", figures.of(LambdaMetric.RECURSIVE_INVOCATIONS_DROPPED, null),
                    Status.PROBLEM));
        }
        return new Node("function", "Function", triggers.functionName(), "", health);
    }

    private static void addDestinations(FunctionTriggers triggers, Figures figures, List<Node> destinations) {
        String dlq = triggers.setup().deadLetterTarget();
        if (dlq != null) {
            destinations.add(new Node("dead-letter", "Dead-letter queue", resourceName(dlq), dlq,
                    List.of(count("Delivery errors", figures.of(LambdaMetric.DEAD_LETTER_ERRORS, null),
                            Status.PROBLEM))));
        }
        Health failures = count("Delivery failures (all destinations)",
                figures.of(LambdaMetric.DESTINATION_DELIVERY_FAILURES, null), Status.PROBLEM);
        AsyncInvocation async = triggers.setup().asyncInvocation();
        if (async != null && async.onSuccess() != null) {
            destinations.add(destination(async.onSuccess(), "on success", failures));
        }
        if (async != null && async.onFailure() != null) {
            destinations.add(destination(async.onFailure(), "on failure or expiry", failures));
        }
        triggers.mappings()
            .stream()
            .filter((m) -> m.onFailureDestination() != null)
            .sorted(Comparator.comparing(EventSourceMapping::uuid))
            .forEach((m) -> destinations.add(destination(m.onFailureDestination(), "batches discarded", failures)));
    }

    private static Node destination(String arn, String when, Health failures) {
        return new Node("destination", "Destination, " + when, resourceName(arn), arn, List.of(failures));
    }

    private static Health count(String label, @Nullable Double value, Status whenAny) {
        return new Health(label, Units.count(value), (value != null && value >= 1) ? whenAny : Status.OK);
    }

    private static Status lagStatus(double ageMs) {
        return (ageMs >= LAG_PROBLEM_MS) ? Status.PROBLEM : (ageMs >= LAG_PROBLEM_MS / 10) ? Status.WARNING
                : Status.OK;
    }

    /** What a source ARN names: the stream, queue, table or topic after the last slash or colon. */
    static String resourceName(String arn) {
        String[] parts = arn.split(":", 6);
        String resource = (parts.length == 6) ? parts[5] : arn;
        if (resource.contains("/stream/")) {
            resource = resource.substring(0, resource.indexOf("/stream/")); // table/t/stream/2026-...: the table
        }
        int slash = resource.lastIndexOf('/');
        return (slash >= 0 && slash < resource.length() - 1) ? resource.substring(slash + 1) : resource;
    }

    static String kindName(EventSourceKind kind) {
        return switch (kind) {
            case KINESIS -> "Kinesis stream";
            case DYNAMODB_STREAMS -> "DynamoDB stream";
            case SQS -> "SQS queue";
            case KAFKA -> "Kafka topic";
            case MQ -> "Amazon MQ broker";
            case DOCUMENTDB -> "DocumentDB change stream";
            case OTHER -> "Event source";
        };
    }

    /** How healthy a node or one of its figures is; each reads as a word as well as a colour. */
    enum Status {

        OK("OK"), UNKNOWN("no data"), WARNING("Warning"), PROBLEM("Problem");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        public String words() {
            return this.words;
        }

        public String css() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One figure of a node: what it is, its value in words, how healthy it is. */
    record Health(String label, String value, Status status) {
    }

    /**
     * One node of the graph.
     *
     * @param role what it is in the flow ({@code source}, {@code mapping}, {@code async}, {@code function},
     *     {@code dead-letter}, {@code destination}): the page's styles and tests find it by it
     */
    record Node(String role, String kind, String name, String detail, List<Health> health) {

        Node {
            health = List.copyOf(health);
        }

        /** The worst status of its figures; OK when it has none. */
        public Status status() {
            return this.health.stream().map(Health::status)
                .filter((s) -> s != Status.UNKNOWN)
                .max(Comparator.naturalOrder())
                .orElse(Status.OK);
        }
    }
}
