package dev.lambdalens.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.lambdalens.inventory.AsyncInvocation;
import dev.lambdalens.inventory.EventSourceKind;
import dev.lambdalens.inventory.EventSourceMapping;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.FunctionTriggers;
import dev.lambdalens.inventory.ProvisionedConcurrency;

/**
 * The charts of a function's trigger signals: one per signal its triggers say can exist (stream lag for a stream
 * mapping, event age for asynchronous invocation, one pair per alias with provisioned concurrency, one per mapping
 * that publishes its event counts).
 */
final class TriggerCharts {

    private TriggerCharts() {
    }

    static List<Chart> of(FunctionSummary f, FunctionTriggers t, Instant from, Instant to) {
        List<Chart> charts = new ArrayList<>();
        if (t.streamMapping()) {
            charts.add(new Chart("Stream lag (IteratorAge)", "ms",
                    List.of(line(f, null, "Iterator age", "IteratorAge", "Maximum")), from, to,
                    TriggerGraph.LAG_PROBLEM_MS, "5 min behind"));
        }
        if (t.kafkaMapping()) {
            charts.add(new Chart("Kafka lag (OffsetLag)", "records",
                    List.of(line(f, null, "Offset lag", "OffsetLag", "Maximum")), from, to, null, null));
        }
        if (t.invokedAsynchronously()) {
            AsyncInvocation async = t.setup().asyncInvocation();
            int maximumAge = (async != null) ? async.effectiveMaximumEventAgeSeconds()
                    : AsyncInvocation.DEFAULT_MAXIMUM_EVENT_AGE_SECONDS;
            charts.add(new Chart("Asynchronous events received and dropped", "per step",
                    List.of(line(f, null, "Received", "AsyncEventsReceived", "Sum"),
                            line(f, null, "Dropped", "AsyncEventsDropped", "Sum")),
                    from, to, null, null));
            charts.add(new Chart("Asynchronous event age", "ms",
                    List.of(line(f, null, "Event age", "AsyncEventAge", "Maximum")), from, to, maximumAge * 1000.0,
                    "maximum event age"));
        }
        List<ChartLine> deliveries = new ArrayList<>();
        if (t.deadLetterQueue()) {
            deliveries.add(line(f, null, "Dead-letter errors", "DeadLetterErrors", "Sum"));
        }
        if (t.destinations()) {
            deliveries.add(line(f, null, "Destination delivery failures", "DestinationDeliveryFailures", "Sum"));
        }
        if (!deliveries.isEmpty()) {
            charts.add(new Chart("Failed deliveries", "per step", deliveries, from, to, null, null));
        }
        if (t.invokedAsynchronously() || t.mappings().stream().anyMatch((m) -> m.kind() == EventSourceKind.SQS)) {
            charts.add(new Chart("Recursive loops stopped", "per step",
                    List.of(line(f, null, "Recursive invocations dropped", "RecursiveInvocationsDropped", "Sum")), from,
                    to, null, null));
        }
        for (ProvisionedConcurrency pc : t.provisioned()) {
            String q = pc.qualifier();
            charts.add(new Chart("Provisioned concurrency on " + q, "executions",
                    List.of(line(f, q, "In use", "ProvisionedConcurrentExecutions", "Maximum")), from, to,
                    (double) pc.allocated(), "allocated"));
            charts.add(new Chart("Invocations on " + q + ": provisioned and spillover", "per step",
                    List.of(line(f, q, "Provisioned", "ProvisionedConcurrencyInvocations", "Sum"),
                            line(f, q, "Spillover", "ProvisionedConcurrencySpilloverInvocations", "Sum")),
                    from, to, null, null));
        }
        for (EventSourceMapping m : t.eventCountMappings()) {
            charts.add(new Chart("Events of the " + TriggerGraph.kindName(m.kind()) + " mapping "
                    + TriggerGraph.resourceName(m.sourceArn()), "per step",
                    List.of(line(f, m.uuid(), "Polled", "PolledEventCount", "Sum"),
                            line(f, m.uuid(), "Failed", "FailedInvokeEventCount", "Sum"),
                            line(f, m.uuid(), "Dropped", "DroppedEventCount", "Sum")),
                    from, to, null, null));
        }
        return charts;
    }

    private static ChartLine line(FunctionSummary f, @org.jspecify.annotations.Nullable String qualifier,
            String label, String metric, String statistic) {
        return new ChartLine(label, f.account(), f.region(), (qualifier != null) ? f.name() + ":" + qualifier
                : f.name(), metric, statistic);
    }
}
