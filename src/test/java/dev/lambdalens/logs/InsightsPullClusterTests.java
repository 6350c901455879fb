package dev.lambdalens.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.lambdalens.LambdaLensApplication;
import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.testing.EmbeddedPostgresSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.lambdalens.logs.LogsFixtures.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one real PostgreSQL, each with the Logs Insights pull on its own schedule, against the
 * awsJson1_1 stub through the real SDK client. Every query stays running for a few seconds, so that the two
 * instances' first runs overlap: each (region, log group) window is still queried exactly once by each of the two
 * queries (REPORT lines, error lines), and the instances share the regions between them.
 */
class InsightsPullClusterTests {

    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2",
            "us-west-2", "sa-east-1");

    static final List<String> FUNCTIONS = List.of("orders", "billing", "search");

    final LogsInsightsStub stub = start();

    ConfigurableApplicationContext a;

    ConfigurableApplicationContext b;

    @AfterEach
    void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { this.a, this.b }) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
        this.stub.close();
    }

    @Test
    void shouldRunEachRegionsQueriesOnceAcrossTwoInstancesAndShareTheRegions() throws Exception {
        EmbeddedPostgresSupport.server();
        String url = EmbeddedPostgresSupport.freshDatabaseUrl("insights_cluster");
        // Scheduled, 12 x Running at 300 ms, Complete: about 4 s per region, 25 s for a run over every region
        this.stub.runningPolls = 12;
        this.a = start(url, "instance-a");
        Inventory inventory = this.a.getBean(Inventory.class);
        Instant now = Instant.now();
        for (String region : REGIONS) {
            inventory.reconcile(ACCOUNT, region, FUNCTIONS.stream().map((f) -> function(region, f)).toList(),
                    new AccountLimits(ACCOUNT, region, 1000, 900, now), now);
        }
        this.b = start(url, "instance-b");
        // a REPORT query and an error lines' query per region and log group
        int windows = REGIONS.size() * FUNCTIONS.size() * 2;
        awaitTrue(Duration.ofMinutes(2), () -> pulls(this.a) + pulls(this.b) >= REGIONS.size());
        Thread.sleep(3_000); // anything started twice would have started by now

        Map<String, Integer> queried = new HashMap<>();
        for (JsonNode start : List.copyOf(this.stub.startQueries)) {
            List<String> groups = new ArrayList<>();
            start.path("logGroupNames").forEach((g) -> groups.add(g.asString()));
            String kind = start.path("queryString").asString().startsWith("fields") ? "errors" : "reports";
            queried.merge(start.path("_region").asString() + " " + String.join(",", groups) + " " + kind, 1,
                    Integer::sum);
        }
        assertThat(queried).as("StartQuery per region, log group and query").hasSize(windows);
        assertThat(queried.values()).as("StartQuery per region, log group and query: %s", queried).containsOnly(1);
        long pullsA = pulls(this.a);
        long pullsB = pulls(this.b);
        assertThat(pullsA + pullsB).as("region pulls (a %d, b %d)", pullsA, pullsB).isEqualTo(REGIONS.size());
        assertThat(pullsA).as("regions pulled by instance a").isPositive();
        assertThat(pullsB).as("regions pulled by instance b").isPositive();
        // the usage is counted once per query, on the shared database
        assertThat(this.a.getBean(InsightsUsage.class).queriesThisMonth()).isEqualTo(windows);
    }

    private static long pulls(ConfigurableApplicationContext context) {
        return Math.round(context.getBean(MeterRegistry.class)
            .find("lambdalens.logs.insights.pulls")
            .counters()
            .stream()
            .mapToDouble(Counter::count)
            .sum());
    }

    private static DiscoveredFunction function(String region, String name) {
        return new DiscoveredFunction(ACCOUNT, region, name,
                "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + name, "nodejs22.x", Architecture.X86_64,
                512, 30, null, 5_000_000, Map.of(), 0, 0, null, 512, null, false);
    }

    private static void awaitTrue(Duration atMost, Supplier<Boolean> condition) throws InterruptedException {
        Instant until = Instant.now().plus(atMost);
        while (!condition.get()) {
            assertThat(Instant.now()).as("waited %s", atMost).isBefore(until);
            Thread.sleep(250);
        }
    }

    private ConfigurableApplicationContext start(String url, String instance) {
        return new SpringApplicationBuilder(LambdaLensApplication.class).web(WebApplicationType.NONE)
            .profiles("postgres")
            .run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=", "--lambdalens.source=aws",
                    "--lambdalens.aws.regions=" + String.join(",", REGIONS), "--lambdalens.aws.access-key-id=test",
                    "--lambdalens.aws.secret-access-key=test", "--lambdalens.aws.endpoint=" + this.stub.endpoint(),
                    "--lambdalens.collector.enabled=false", "--lambdalens.logs.insights.enabled=true",
                    "--lambdalens.logs.insights.interval=1m", "--lambdalens.logs.insights.initial-delay=8s",
                    "--lambdalens.logs.insights.settle-delay=0s", "--lambdalens.logs.insights.poll-interval=300ms",
                    "--lambdalens.logs.insights.max-log-groups-per-query=1",
                    "--lambdalens.cluster.instance-id=" + instance, "--lambdalens.alerting.enabled=false",
                    "--lambdalens.notification.enabled=false", "--lambdalens.cost.budgets-enabled=false",
                    "--lambdalens.retention.enabled=false");
    }

    private static LogsInsightsStub start() {
        try {
            return new LogsInsightsStub();
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
