package dev.lambdalens.collector;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.lambdalens.LambdaLensApplication;
import dev.lambdalens.collector.source.aws.AwsStubAccess;
import dev.lambdalens.testing.EmbeddedPostgresSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one real PostgreSQL, collecting 20 (account, region) units from the AWS stub on their own
 * schedules: both collect, each at least a third of the unit runs; no window of a unit is fetched twice; a unit that
 * runs three times longer than its lease, renewing it, is never started by the other instance; and when its holder
 * dies mid-unit, the other instance takes it over within one lease.
 */
class WorkUnitClusterTests {

    static final List<String> ACCOUNTS = List.of("111111111111", "222222222222", "333333333333", "444444444444",
            "555555555555");

    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2");

    static final Duration LEASE = Duration.ofSeconds(30);

    static final String SLOW_ACCOUNT = "333333333333";

    static final String SLOW_REGION = "eu-west-1";

    static int databases;

    final AwsStubAccess stub = AwsStubAccess.start();

    ConfigurableApplicationContext a;

    ConfigurableApplicationContext b;

    @BeforeEach
    void stubAccounts() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (String account : ACCOUNTS) {
            for (String region : REGIONS) {
                this.stub.limit(account, region, 1000);
                this.stub.addFunction(account, region, "orders-api");
                this.stub.addFunction(account, region, "billing");
                for (int m = 1; m <= 30; m++) {
                    this.stub.put(account, region, "", "Invocations", "Sum", now.minusSeconds(60L * m).getEpochSecond(),
                            m);
                }
            }
        }
        // every call takes a while, as against AWS, so that one instance cannot take every unit at once
        this.stub.delayEveryCall(100);
    }

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
    void shouldShareTheUnitsRunEachOnceAndTakeOverTheUnitOfAnInstanceThatDied() throws Exception {
        EmbeddedPostgresSupport.server();
        String url = EmbeddedPostgresSupport.freshDatabaseUrl("units_" + (++databases));
        // the first GetMetricData call of one unit takes 100 s: three leases and more
        this.stub.stall(SLOW_ACCOUNT, SLOW_REGION, 1, 100_000);
        this.a = start(url, "instance-a");
        this.b = start(url, "instance-b");

        awaitTrue(Duration.ofMinutes(2), () -> runs(this.a) + runs(this.b) >= 60 && slowUnit().isPresent());
        UnitRow slow = slowUnit().orElseThrow();
        String holder = slow.owner();
        ConfigurableApplicationContext holding = "instance-a".equals(holder) ? this.a : this.b;
        ConfigurableApplicationContext other = (holding == this.a) ? this.b : this.a;
        Instant slowStarted = slow.startedAt();

        // the slow unit outlives three leases on its holder; the other instance never starts it meanwhile
        while (Instant.now().isBefore(slowStarted.plus(LEASE.multipliedBy(3)).plusSeconds(2))) {
            Thread.sleep(1000);
            UnitRow now = slowUnit().orElseThrow();
            assertThat(now.owner()).isEqualTo(holder);
            assertThat(now.runs()).as("runs of the slow unit").isEqualTo(1);
            assertThat(now.running()).isTrue();
        }
        assertThat(unitRuns(other, SLOW_ACCOUNT, SLOW_REGION)).isZero();

        // both collect, each at least a third of the unit runs
        long runsA = runs(this.a);
        long runsB = runs(this.b);
        assertThat(runsA).as("unit runs of instance a (b: %d)", runsB).isGreaterThanOrEqualTo((runsA + runsB) / 3);
        assertThat(runsB).as("unit runs of instance b (a: %d)", runsA).isGreaterThanOrEqualTo((runsA + runsB) / 3);
        assertThat(distinctUnits(this.a)).isGreaterThanOrEqualTo(7);
        assertThat(distinctUnits(this.b)).isGreaterThanOrEqualTo(7);

        // no window of any unit was fetched twice (the trailing window is 0: a second run in a minute fetches nothing)
        List<String> windows = this.stub.windowsFetched();
        assertThat(windows).doesNotHaveDuplicates();
        // every account and region was fetched (the slow one's first call is still being answered)
        java.util.Set<String> pairs = new java.util.HashSet<>();
        ACCOUNTS.forEach((account) -> REGIONS.forEach((region) -> pairs.add(account + "/" + region)));
        pairs.remove(SLOW_ACCOUNT + "/" + SLOW_REGION);
        assertThat(windows.stream().map((w) -> w.substring(0, w.indexOf(' '))).collect(Collectors.toSet()))
            .containsAll(pairs);

        // the holder dies in the middle of the slow unit: the other takes it over within one lease. The calls answer
        // at once from here on: the delay was there to share the units out, and the takeover must be judged on the
        // lease, not on how long the survivor's threads stay busy with 100 ms calls on a loaded machine
        this.stub.delayEveryCall(0);
        holding.close();
        Instant died = Instant.now();
        awaitTrue(LEASE.plusSeconds(15), () -> {
            UnitRow row = slowUnit().orElseThrow();
            return !holder.equals(row.owner()) && row.takeovers() == 1 && !row.running();
        });
        Duration took = Duration.between(died, Instant.now());
        assertThat(took).as("taken over after %s", took).isLessThan(LEASE.plusSeconds(15));
        assertThat(unitRuns(other, SLOW_ACCOUNT, SLOW_REGION)).isEqualTo(1);
        assertThat(other.getBean(MeterRegistry.class).get("lambdalens.collector.unit.takeovers").counter().count())
            .isEqualTo(1);
    }

    private java.util.Optional<UnitRow> slowUnit() {
        ConfigurableApplicationContext alive = (this.b != null && this.b.isActive()) ? this.b : this.a;
        return alive.getBean(WorkUnits.class)
            .find(new WorkUnit(WorkUnit.Kind.COLLECTION,
                    new dev.lambdalens.collector.source.SourceRegion(SLOW_ACCOUNT, SLOW_REGION)));
    }

    /** Collection unit runs this instance made. */
    private static long runs(ConfigurableApplicationContext context) {
        return collectionTimers(context).stream().mapToLong(Timer::count).sum();
    }

    private static long distinctUnits(ConfigurableApplicationContext context) {
        return collectionTimers(context).stream()
            .map((t) -> t.getId().getTag("account") + "/" + t.getId().getTag("region"))
            .distinct()
            .count();
    }

    private static long unitRuns(ConfigurableApplicationContext context, String account, String region) {
        return collectionTimers(context).stream()
            .filter((t) -> account.equals(t.getId().getTag("account")) && region.equals(t.getId().getTag("region")))
            .mapToLong(Timer::count)
            .sum();
    }

    private static java.util.Collection<Timer> collectionTimers(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).find("lambdalens.collector.unit").tag("kind", "collection")
            .timers();
    }

    private static void awaitTrue(Duration atMost, Supplier<Boolean> condition) throws InterruptedException {
        Instant until = Instant.now().plus(atMost);
        while (!condition.get()) {
            assertThat(Instant.now()).as("waited %s", atMost).isBefore(until);
            Thread.sleep(500);
        }
    }

    private ConfigurableApplicationContext start(String url, String instance) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--lambdalens.source=aws", "--lambdalens.aws.regions=" + String.join(",", REGIONS),
                "--lambdalens.aws.access-key-id=AKIATESTHOME", "--lambdalens.aws.secret-access-key=secret",
                "--lambdalens.aws.endpoint=" + this.stub.endpoint(), "--lambdalens.aws.attempt-timeout=110s",
                "--lambdalens.collector.enabled=true", "--lambdalens.collector.interval=10s",
                "--lambdalens.collector.initial-delay=0s",
                "--lambdalens.collector.trailing-window=0s", "--lambdalens.collector.initial-backfill=30m",
                "--lambdalens.collector.function-interval=1m",
                "--lambdalens.cluster.instance-id=" + instance, "--lambdalens.cluster.lease=" + LEASE.toSeconds() + "s",
                "--lambdalens.cluster.collection-threads=3", "--lambdalens.alerting.enabled=false",
                "--lambdalens.notification.enabled=false", "--lambdalens.cost.budgets-enabled=false",
                "--lambdalens.retention.enabled=false"));
        for (int i = 1; i < ACCOUNTS.size(); i++) {
            args.add("--lambdalens.aws.accounts[" + (i - 1) + "].role-arn=arn:aws:iam::" + ACCOUNTS.get(i)
                    + ":role/LambdaLensReadOnly");
        }
        return new SpringApplicationBuilder(LambdaLensApplication.class).web(WebApplicationType.NONE)
            .profiles("postgres")
            .run(args.toArray(String[]::new));
    }
}
