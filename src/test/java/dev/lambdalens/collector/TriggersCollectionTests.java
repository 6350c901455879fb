package dev.lambdalens.collector;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lambdalens.collector.source.aws.AwsStubAccess;
import dev.lambdalens.inventory.AsyncInvocation;
import dev.lambdalens.inventory.EventSourceKind;
import dev.lambdalens.inventory.EventSourceMapping;
import dev.lambdalens.inventory.FunctionAlias;
import dev.lambdalens.inventory.FunctionTriggers;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.inventory.ProvisionedConcurrency;
import dev.lambdalens.inventory.PublishedVersion;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.MetricAvailability;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Triggers through the real Lambda and CloudWatch SDK clients against the in-process stub: discovery reads each
 * function's event source mappings, asynchronous configuration, policy, aliases, versions and provisioned concurrency
 * (only for new and changed functions), and the collector then asks CloudWatch for the optional metrics only where
 * they can exist, storing them exactly.
 */
@SpringBootTest(properties = { "lambdalens.source=aws", "lambdalens.aws.regions=us-east-1",
        "lambdalens.aws.access-key-id=AKIATESTHOME", "lambdalens.aws.secret-access-key=secret",
        "lambdalens.collector.initial-backfill=1h", "lambdalens.collector.function-interval=1m" })
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class TriggersCollectionTests {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:20Z");

    static final String HOME = "111111111111";

    static final String R = "us-east-1";

    static final String KINESIS = "arn:aws:kinesis:us-east-1:111111111111:stream/orders";

    static final String QUEUE = "arn:aws:sqs:us-east-1:111111111111:jobs";

    static final String MSK = "arn:aws:kafka:us-east-1:111111111111:cluster/events/abc-1";

    static final String FAILED = "arn:aws:sqs:us-east-1:111111111111:failed";

    static final String DLQ = "arn:aws:sqs:us-east-1:111111111111:thumbs-dlq";

    static final AwsStubAccess stub = AwsStubAccess.start();

    @Autowired
    CollectionTrigger trigger;

    @Autowired
    MutableClock clock;

    @Autowired
    SeriesQueries queries;

    @Autowired
    Inventory inventory;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("lambdalens.aws.endpoint", stub::endpoint);
    }

    @AfterAll
    static void stopStub() {
        stub.reset();
    }

    @BeforeEach
    void account() {
        stub.reset();
        stub.limit(HOME, R, 1000);
        for (String name : List.of("orders-stream", "queue-worker", "thumbs", "api", "kafka-consumer", "plain")) {
            stub.addFunction(HOME, R, name);
        }
        stub.addMapping(HOME, R, "orders-stream", "uuid-kinesis", KINESIS, "Enabled", 100, 5, List.of(), FAILED,
                true);
        stub.addMapping(HOME, R, "queue-worker", "uuid-sqs", QUEUE, "Enabled", 10, 0,
                List.of("{\"body\":{\"type\":[\"order\"]}}"), null, false);
        stub.addMapping(HOME, R, "kafka-consumer", "uuid-msk", MSK, "Disabled", 500, 1, List.of(), null, false);
        stub.allowInvoke(HOME, R, "thumbs", "s3.amazonaws.com", "apigateway.amazonaws.com");
        stub.invokeConfig(HOME, R, "thumbs", 3600, 1, null, FAILED);
        stub.deadLetter(HOME, R, "thumbs", DLQ);
        stub.allowInvoke(HOME, R, "api", "apigateway.amazonaws.com");
        stub.version(HOME, R, "api", "1", 512, "sha-a", "2026-11-20T09:00:00.000+0000");
        stub.version(HOME, R, "api", "2", 1024, "sha-b", "2026-11-27T15:30:00.000+0000");
        stub.alias(HOME, R, "api", "live", "2", "1", 0.1);
        stub.provisioned(HOME, R, "api", "live", 10, 10, "READY");
    }

    @Test
    void shouldDiscoverEachFunctionsMappingsAsyncSetupAliasesVersionsAndProvisionedConcurrency() throws Exception {
        this.trigger.runCycle();

        FunctionTriggers orders = this.inventory.triggers(HOME, R, "orders-stream");
        assertThat(orders.mappings()).containsExactly(new EventSourceMapping("uuid-kinesis", "orders-stream", null,
                KINESIS, EventSourceKind.KINESIS, "Enabled", 100, 5, List.of(), FAILED, Set.of("EventCount"), null,
                Instant.ofEpochSecond(1_764_000_000)));
        assertThat(orders.streamMapping()).isTrue();
        assertThat(orders.invokedAsynchronously()).isFalse();
        assertThat(orders.destinations()).isTrue();

        FunctionTriggers queue = this.inventory.triggers(HOME, R, "queue-worker");
        assertThat(queue.mappings()).singleElement().satisfies((m) -> {
            assertThat(m.kind()).isEqualTo(EventSourceKind.SQS);
            assertThat(m.filters()).containsExactly("{\"body\":{\"type\":[\"order\"]}}");
            assertThat(m.eventCountMetrics()).isFalse();
        });

        FunctionTriggers thumbs = this.inventory.triggers(HOME, R, "thumbs");
        assertThat(thumbs.setup().asyncInvocation()).isEqualTo(new AsyncInvocation(3600, 1, null, FAILED));
        assertThat(thumbs.setup().deadLetterTarget()).isEqualTo(DLQ);
        assertThat(thumbs.setup().asyncSources()).containsExactly("s3.amazonaws.com");
        assertThat(thumbs.invokedAsynchronously()).isTrue();

        FunctionTriggers api = this.inventory.triggers(HOME, R, "api");
        assertThat(api.invokedAsynchronously()).isFalse();
        assertThat(api.setup().aliases()).containsExactly(new FunctionAlias("live", "2", Map.of("1", 0.1)));
        assertThat(api.setup().versions()).containsExactly(
                new PublishedVersion("1", "sha-a", 512, Instant.parse("2026-11-20T09:00:00Z")),
                new PublishedVersion("2", "sha-b", 1024, Instant.parse("2026-11-27T15:30:00Z")));
        assertThat(api.provisioned()).containsExactly(new ProvisionedConcurrency("live", 10, 10, "READY",
                Instant.parse("2026-11-20T10:00:00Z")));

        assertThat(this.inventory.triggers(HOME, R, "kafka-consumer").kafkaMapping()).isTrue();
        assertThat(this.inventory.triggers(HOME, R, "plain").mappings()).isEmpty();

        this.mvc.perform(get("/api/v1/functions/us-east-1/thumbs"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.triggers.setup.asyncInvocation.maximumEventAgeSeconds").value(3600))
            .andExpect(jsonPath("$.triggers.setup.deadLetterTarget").value(DLQ))
            .andExpect(jsonPath("$.triggers.setup.asyncSources[0]").value("s3.amazonaws.com"));
        this.mvc.perform(get("/api/v1/functions/us-east-1/orders-stream"))
            .andExpect(jsonPath("$.triggers.mappings[0].sourceArn").value(KINESIS))
            .andExpect(jsonPath("$.triggers.mappings[0].kind").value("KINESIS"))
            .andExpect(jsonPath("$.triggers.mappings[0].batchingWindowSeconds").value(5))
            .andExpect(jsonPath("$.triggers.mappings[0].onFailureDestination").value(FAILED))
            .andExpect(jsonPath("$.triggers.mappings[0].metrics[0]").value("EventCount"));
        this.mvc.perform(get("/api/v1/functions/us-east-1/api"))
            .andExpect(jsonPath("$.triggers.setup.provisioned[0].qualifier").value("live"))
            .andExpect(jsonPath("$.triggers.setup.provisioned[0].allocated").value(10))
            .andExpect(jsonPath("$.triggers.setup.aliases[0].additionalVersionWeights.1").value(0.1))
            .andExpect(jsonPath("$.revisionId").isString());
    }

    @Test
    void shouldReadSetupsOnlyForNewAndChangedFunctionsButMappingsAtEveryDiscovery() {
        this.trigger.runCycle();
        assertThat(detailCalls("policy")).isEqualTo(6);
        int listings = detailCalls("event-source-mappings");
        assertThat(listings).isEqualTo(1);

        // a new mapping, and a changed function: the next discovery sees the mapping, re-reads only the changed one
        stub.addMapping(HOME, R, "plain", "uuid-ddb",
                "arn:aws:dynamodb:us-east-1:111111111111:table/t/stream/2026-01-01T00:00:00.000", "Enabled", 100, 0,
                List.of(), null, false);
        stub.addFunction(HOME, R, "thumbs", 2048);
        stub.invokeConfig(HOME, R, "thumbs", 600, 0, null, FAILED);
        this.clock.advance(Duration.ofMinutes(20));
        this.trigger.runCycle();

        assertThat(detailCalls("event-source-mappings")).isEqualTo(2);
        assertThat(detailCalls("policy")).isEqualTo(7);
        assertThat(stub.calls()).filteredOn((c) -> c.contains("/policy")).last().asString().contains("thumbs");
        assertThat(this.inventory.triggers(HOME, R, "plain").streamMapping()).isTrue();
        assertThat(this.inventory.triggers(HOME, R, "thumbs").setup().asyncInvocation().maximumEventAgeSeconds())
            .isEqualTo(600);
        // the others keep what was read before
        assertThat(this.inventory.triggers(HOME, R, "api").provisioned()).hasSize(1);
    }

    @Test
    void shouldKeepTheKnownSetupsWhenTheRoleMayNotReadThem() {
        this.trigger.runCycle();
        stub.refuse("policy");
        stub.refuse("event-source-mappings");
        stub.addFunction(HOME, R, "thumbs", 2048);
        this.clock.advance(Duration.ofMinutes(20));
        this.trigger.runCycle();
        assertThat(this.inventory.triggers(HOME, R, "thumbs").setup().deadLetterTarget()).isEqualTo(DLQ);
        assertThat(this.inventory.triggers(HOME, R, "orders-stream").mappings()).hasSize(1);
        assertThat(this.inventory.activeFunctions(HOME, R)).filteredOn((f) -> f.name().equals("thumbs"))
            .singleElement()
            .satisfies((f) -> assertThat(f.memoryMb()).isEqualTo(2048));
    }

    @Test
    void shouldAskForEachOptionalMetricOnlyWhereItCanExistAndStoreItExactly() {
        long first = NOW.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(50)).getEpochSecond();
        for (long t = first; t < NOW.getEpochSecond() - 60; t += 60) {
            double minute = (t - first) / 60.0;
            stub.put(HOME, R, "orders-stream", "IteratorAge", "Maximum", t, 1000 + 250.5 * minute);
            stub.put(HOME, R, "kafka-consumer", "OffsetLag", "Maximum", t, 40 + minute);
            stub.put(HOME, R, "thumbs", "AsyncEventsReceived", "Sum", t, 30);
            stub.put(HOME, R, "thumbs", "AsyncEventAge", "Maximum", t, 120_000 + minute);
            stub.put(HOME, R, "thumbs", "AsyncEventsDropped", "Sum", t, (minute > 40) ? 2 : 0);
            stub.put(HOME, R, "thumbs", "DeadLetterErrors", "Sum", t, 1);
            stub.put(HOME, R, "thumbs", "DestinationDeliveryFailures", "Sum", t, 3);
            stub.put(HOME, R, "queue-worker", "RecursiveInvocationsDropped", "Sum", t, 7);
            stub.put(HOME, R, "api:live", "ProvisionedConcurrencyUtilization", "Maximum", t, 0.25 + minute / 100);
            stub.put(HOME, R, "api:live", "ProvisionedConcurrencySpilloverInvocations", "Sum", t, minute);
            stub.put(HOME, R, "uuid-kinesis", "PolledEventCount", "Sum", t, 500);
            stub.put(HOME, R, "uuid-kinesis", "DroppedEventCount", "Sum", t, 4);
            // the alias live runs version 2 and sends a tenth to version 1: CloudWatch publishes both by version
            stub.put(HOME, R, "api:live:2", "Invocations", "Sum", t, 90);
            stub.put(HOME, R, "api:live:1", "Invocations", "Sum", t, 10);
            stub.put(HOME, R, "api:live:2", "Errors", "Sum", t, 1);
            stub.put(HOME, R, "api:live:1", "Errors", "Sum", t, (minute > 25) ? 3 : 0);
            stub.put(HOME, R, "api:live:2", "Duration", "Sum", t, 90 * 120.25);
            stub.put(HOME, R, "api:live:1", "Duration", "Sum", t, 10 * 180.5);
            stub.put(HOME, R, "api:live:2", "Duration", "p99", t, 410.75);
            stub.put(HOME, R, "api:live:1", "Duration", "p99", t, 612.5 + minute);
            // what cannot exist is never asked for: a stream metric of a function without a stream
            stub.put(HOME, R, "plain", "IteratorAge", "Maximum", t, 99);
        }
        this.trigger.runCycle(); // discovery, then the first collection
        stub.resetCounters();
        this.clock.advance(Duration.ofMinutes(1));
        this.trigger.runCycle();

        List<String> asked = stub.metricsAsked();
        assertThat(asked).filteredOn((q) -> q.startsWith("IteratorAge/")).containsOnly("IteratorAge/orders-stream");
        assertThat(asked).filteredOn((q) -> q.startsWith("OffsetLag/")).containsOnly("OffsetLag/kafka-consumer");
        for (String async : List.of("AsyncEventsReceived", "AsyncEventAge", "AsyncEventsDropped", "DeadLetterErrors")) {
            assertThat(asked).filteredOn((q) -> q.startsWith(async + "/")).containsOnly(async + "/thumbs");
        }
        assertThat(asked).filteredOn((q) -> q.startsWith("DestinationDeliveryFailures/"))
            .containsOnly("DestinationDeliveryFailures/thumbs", "DestinationDeliveryFailures/orders-stream");
        assertThat(asked).filteredOn((q) -> q.startsWith("RecursiveInvocationsDropped/"))
            .containsOnly("RecursiveInvocationsDropped/thumbs", "RecursiveInvocationsDropped/queue-worker");
        assertThat(asked).filteredOn((q) -> q.startsWith("Provisioned")).hasSize(4).allMatch((q) -> q.endsWith("/api:live"));
        assertThat(asked).filteredOn((q) -> q.contains("EventCount/")).hasSize(6)
            .allMatch((q) -> q.endsWith("/uuid-kinesis"));
        // by version, only for the alias that routes to two: Invocations, Errors, Duration Sum and p99 of each
        assertThat(asked).filteredOn((q) -> q.contains("/api:live:"))
            .containsExactlyInAnyOrder("Invocations/api:live:1", "Invocations/api:live:2", "Errors/api:live:1",
                    "Errors/api:live:2", "Duration/api:live:1", "Duration/api:live:1", "Duration/api:live:2",
                    "Duration/api:live:2");
        // each function's every-day metrics (Invocations, Errors, Throttles, Duration x4, ConcurrentExecutions) = 8
        int optional = 1 + 1 + 4 + 2 + 2 + 4 + 6 + 8;
        assertThat(asked.stream().filter((q) -> !q.endsWith("/")).count()).isEqualTo(6 * 8 + optional);

        Instant from = Instant.ofEpochSecond(first);
        Instant to = this.clock.instant().truncatedTo(ChronoUnit.MINUTES);
        int compared = 0;
        for (SeriesKey key : SeriesPlan.forFunctions(HOME, R, this.inventory.activeFunctions(HOME, R),
                this.inventory.triggers(HOME, R))) {
            if (key.metric().availability() == MetricAvailability.ALWAYS) {
                continue;
            }
            List<Point> expected = new ArrayList<>();
            stub.datapoints(key, from, to).forEach((t, v) -> expected.add(new Point(t, v)));
            assertThat(this.queries.read(key, from, to, 60).points()).as(key.toString())
                .containsExactlyElementsOf(expected);
            compared += expected.size();
        }
        assertThat(compared).isEqualTo(20 * 50);
        assertThat(this.queries.read(SeriesKey.ofQualified(HOME, R, "api", "live:1", LambdaMetric.VERSION_ERRORS,
                Statistic.SUM), from, to, 60).points()).extracting(Point::value).contains(0.0, 3.0);
        assertThat(this.queries.read(SeriesKey.ofQualified(HOME, R, "api", "live",
                LambdaMetric.PROVISIONED_CONCURRENCY_UTILIZATION, Statistic.MAXIMUM), from, to, 60).points())
            .first().isEqualTo(new Point(first, 0.25));
    }

    @Test
    void shouldAskForMetricsByVersionOnlyWhileAnAliasRoutesToMoreThanOneVersion() {
        this.trigger.runCycle();
        stub.resetCounters();
        this.clock.advance(Duration.ofMinutes(1));
        this.trigger.runCycle();
        assertThat(stub.metricsAsked()).filteredOn((q) -> q.contains(":live:")).hasSize(8);

        // the rollout ends: the alias points at version 2 alone; the function itself does not change, so only its
        // aliases are read again, at the next discovery
        stub.clearAliases(HOME, R, "api");
        stub.alias(HOME, R, "api", "live", "2", null, 0);
        int aliasCalls = detailCalls("aliases");
        this.clock.advance(Duration.ofMinutes(20));
        this.trigger.runCycle();
        assertThat(detailCalls("aliases") - aliasCalls).as("ListAliases for the one function with aliases").isOne();
        assertThat(detailCalls("policy")).as("no other detail read again").isEqualTo(6);
        assertThat(this.inventory.triggers(HOME, R, "api").weightedAliases()).isEmpty();
        assertThat(this.inventory.triggers(HOME, R, "api").provisioned()).as("the rest of the setup kept").hasSize(1);
        stub.resetCounters();
        this.clock.advance(Duration.ofMinutes(1));
        this.trigger.runCycle();
        assertThat(stub.metricsAsked()).filteredOn((q) -> q.contains(":live")).hasSize(4)
            .allMatch((q) -> q.startsWith("Provisioned"));

        // the next rollout: a fifth of the traffic to version 3, seen the same way
        stub.clearAliases(HOME, R, "api");
        stub.alias(HOME, R, "api", "live", "2", "3", 0.2);
        this.clock.advance(Duration.ofMinutes(20));
        this.trigger.runCycle();
        assertThat(this.inventory.triggers(HOME, R, "api").setup().aliases())
            .containsExactly(new FunctionAlias("live", "2", Map.of("3", 0.2)));
        stub.resetCounters();
        this.clock.advance(Duration.ofMinutes(1));
        this.trigger.runCycle();
        assertThat(stub.metricsAsked()).filteredOn((q) -> q.contains(":live:")).hasSize(8)
            .allMatch((q) -> q.endsWith(":live:2") || q.endsWith(":live:3"));

        // a role that may no longer list aliases keeps the rollout known
        stub.refuse("aliases");
        this.clock.advance(Duration.ofMinutes(20));
        this.trigger.runCycle();
        assertThat(this.inventory.triggers(HOME, R, "api").weightedAliases()).hasSize(1);
    }

    private static int detailCalls(String operation) {
        return (int) stub.calls().stream().filter((c) -> c.contains("/" + operation)).count();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(NOW);
        }
    }
}
