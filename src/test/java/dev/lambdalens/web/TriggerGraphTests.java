package dev.lambdalens.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lambdalens.inventory.AsyncInvocation;
import dev.lambdalens.inventory.EventSourceKind;
import dev.lambdalens.inventory.EventSourceMapping;
import dev.lambdalens.inventory.FunctionTriggers;
import dev.lambdalens.inventory.InvocationSetup;
import dev.lambdalens.inventory.ProvisionedConcurrency;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.web.TriggerGraph.Health;
import dev.lambdalens.web.TriggerGraph.Node;
import dev.lambdalens.web.TriggerGraph.Status;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The trigger graph built from a function's triggers and the last hour's figures: each source, how its events
 * arrive, the function and where events go, each node with its health.
 */
class TriggerGraphTests {

    private static final String ARN = "arn:aws:%s:us-east-1:123456789012:%s";

    private final Map<String, Double> figures = new HashMap<>();

    @Test
    void shouldLinkAStreamThroughItsMappingToTheFunctionAndItsFailureDestination() {
        EventSourceMapping kinesis = mapping("uuid-k", EventSourceKind.KINESIS, ARN.formatted("kinesis",
                "stream/clicks"), "Enabled", ARN.formatted("sqs", "clicks-discarded"), Set.of());
        this.figures.put("IteratorAge", 420_000.0);
        TriggerGraph graph = graph(new FunctionTriggers("clicks", InvocationSetup.NONE, List.of(kinesis)));
        assertThat(graph.sources()).extracting(Node::kind, Node::name).containsExactly(tuple("Kinesis stream", "clicks"));
        Node mapping = graph.arrivals().get(0);
        assertThat(mapping.role()).isEqualTo("mapping");
        assertThat(mapping.detail()).isEqualTo("batch 100, from clicks");
        assertThat(mapping.health()).extracting(Health::label, Health::value, Health::status)
            .containsExactly(tuple("State", "Enabled", Status.OK), tuple("Iterator age, max", "7 min", Status.PROBLEM));
        assertThat(mapping.status()).isEqualTo(Status.PROBLEM);
        assertThat(graph.destinations()).extracting(Node::role, Node::kind, Node::name)
            .containsExactly(tuple("destination", "Destination, batches discarded", "clicks-discarded"));
        assertThat(graph.destinations().get(0).health()).extracting(Health::value, Health::status)
            .containsExactly(tuple("none", Status.OK));
        assertThat(graph.empty()).isFalse();
    }

    @Test
    void shouldShowAQueuesFailedAndDroppedEventsAndADisabledMapping() {
        EventSourceMapping sqs = mapping("uuid-q", EventSourceKind.SQS, ARN.formatted("sqs", "refunds"), "Disabled",
                null, Set.of(EventSourceMapping.EVENT_COUNT));
        this.figures.put("PolledEventCount:uuid-q", 4_800.0);
        this.figures.put("FailedInvokeEventCount:uuid-q", 240.0);
        this.figures.put("DroppedEventCount:uuid-q", 60.0);
        TriggerGraph graph = graph(new FunctionTriggers("refunds", InvocationSetup.NONE, List.of(sqs)));
        assertThat(graph.arrivals().get(0).health()).extracting(Health::label, Health::value, Health::status)
            .containsExactly(tuple("State", "Disabled", Status.WARNING), tuple("Events polled", "4,800", Status.OK),
                    tuple("Failed events", "240", Status.WARNING), tuple("Dropped events", "60", Status.PROBLEM));
        // an SQS consumer can be part of a recursive loop Lambda stops
        assertThat(graph.function().health()).extracting(Health::label, Health::value)
            .containsExactly(tuple("Recursive loops stopped", "none"));
        assertThat(graph.destinations()).isEmpty();
    }

    @Test
    void shouldShowAnAsyncQueueAgingAgainstItsMaximumAgeWithItsDestinationsAndDeadLetterQueue() {
        InvocationSetup setup = new InvocationSetup(new AsyncInvocation(1_800, 1, ARN.formatted("sqs", "done"),
                ARN.formatted("sqs", "failed")), ARN.formatted("sqs", "dead-letters"), Set.of("s3.amazonaws.com"),
                List.of(), List.of(), List.of());
        this.figures.put("AsyncEventsReceived", 1_800.0);
        this.figures.put("AsyncEventAge", 1_000_000.0);
        this.figures.put("AsyncEventsDropped", 0.0);
        this.figures.put("DeadLetterErrors", 2.0);
        TriggerGraph graph = graph(new FunctionTriggers("scanner", setup, List.of()));
        assertThat(graph.sources()).extracting(Node::kind, Node::name).containsExactly(tuple("Service", "Amazon S3"));
        Node queue = graph.arrivals().get(0);
        assertThat(queue.role()).isEqualTo("async");
        assertThat(queue.detail()).isEqualTo("events kept up to 30 min, retries 1");
        assertThat(queue.health()).extracting(Health::label, Health::value, Health::status)
            .containsExactly(tuple("Events received", "1,800", Status.OK),
                    tuple("Event age, max", "16 min of 30 min", Status.WARNING),
                    tuple("Events dropped", "none", Status.OK));
        assertThat(graph.destinations()).extracting(Node::role, Node::name, Node::status)
            .containsExactly(tuple("dead-letter", "dead-letters", Status.PROBLEM),
                    tuple("destination", "done", Status.OK), tuple("destination", "failed", Status.OK));
    }

    @Test
    void shouldShowProvisionedConcurrencyAndItsSpilloverOnTheFunction() {
        InvocationSetup setup = new InvocationSetup(null, null, Set.of(), List.of(), List.of(),
                List.of(new ProvisionedConcurrency("live", 40, 40, "READY", null)));
        this.figures.put("ProvisionedConcurrencyUtilization:live", 1.0);
        this.figures.put("ProvisionedConcurrencySpilloverInvocations:live", 1_234.0);
        TriggerGraph graph = graph(new FunctionTriggers("search", setup, List.of()));
        assertThat(graph.function().health()).extracting(Health::label, Health::value, Health::status)
            .containsExactly(tuple("Provisioned on live", "40 of 40 allocated, up to 100% used", Status.OK),
                    tuple("Spillover on live", "1,234", Status.WARNING));
        assertThat(graph.sources()).isEmpty();
        assertThat(graph.empty()).isFalse();
    }

    @Test
    void shouldNotPinAFunctionWideLagOnOneOfTwoStreamMappings() {
        EventSourceMapping a = mapping("a", EventSourceKind.KINESIS, ARN.formatted("kinesis", "stream/a"), "Enabled",
                null, Set.of());
        EventSourceMapping b = mapping("b", EventSourceKind.DYNAMODB_STREAMS,
                ARN.formatted("dynamodb", "table/orders/stream/2026-01-01T00:00:00.000"), "Enabled", null, Set.of());
        this.figures.put("IteratorAge", 10_000.0);
        TriggerGraph graph = graph(new FunctionTriggers("two", InvocationSetup.NONE, List.of(a, b)));
        assertThat(graph.sources()).extracting(Node::name).containsExactly("a", "orders");
        assertThat(graph.arrivals()).allSatisfy((m) -> assertThat(m.health().get(1).value())
            .isEqualTo("see the chart (function-wide)"));
    }

    @Test
    void shouldBeEmptyForAFunctionNothingTriggers() {
        assertThat(graph(FunctionTriggers.none("api")).empty()).isTrue();
    }

    private TriggerGraph graph(FunctionTriggers triggers) {
        return TriggerGraph.of(triggers, this::figure);
    }

    private @Nullable Double figure(LambdaMetric metric, @Nullable String qualifier) {
        return this.figures.get(metric.metricName() + ((qualifier != null) ? ":" + qualifier : ""));
    }

    private static EventSourceMapping mapping(String uuid, EventSourceKind kind, String source, String state,
            @Nullable String onFailure, Set<String> metrics) {
        return new EventSourceMapping(uuid, "f", null, source, kind, state, 100, 0, List.of(), onFailure, metrics,
                null, null);
    }
}
