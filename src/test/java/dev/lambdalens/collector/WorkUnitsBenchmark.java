package dev.lambdalens.collector;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.LambdaLensApplication;
import dev.lambdalens.collector.source.aws.AwsStubAccess;
import dev.lambdalens.testing.EmbeddedPostgresSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Work units at scale: 100 (account, region) pairs x 200 functions against the AWS stub, 300 ms added to every call,
 * with 1 and then 3 instances on one PostgreSQL. Prints the steady-state cycle time (between two starts of the same
 * collection unit), account-level freshness (now minus each pair's account watermark), the discovery round time
 * (until every pair's first discovery, GetFunction for all 200 functions, has ended) and each instance's share of the
 * AWS calls. Prints numbers, asserts nothing.
 *
 * <p>Scale, to keep the run near 10 minutes: phases of {@code bench.phase1} (6 min) and {@code bench.phase2}
 * (4 min); discovery with 4 threads per instance ({@code lambdalens.cluster.discovery-threads=4}) instead of 2; the
 * stub holds datapoints for the account-level series only (function series answer empty), so that the store is not
 * what is measured. Run it as an unprivileged user (PostgreSQL refuses root):
 * {@code ./mvnw -Pbench test-compile exec:java -Dbench.main=dev.lambdalens.collector.WorkUnitsBenchmark}.
 */
public final class WorkUnitsBenchmark {

    static final int ACCOUNTS = 25;

    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2");

    static final int FUNCTIONS = 200;

    private WorkUnitsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration phase1 = Duration.parse(System.getProperty("bench.phase1", "PT6M"));
        Duration phase2 = Duration.parse(System.getProperty("bench.phase2", "PT4M"));
        List<String> accounts = new ArrayList<>();
        accounts.add("111111111111");
        for (int i = 1; i < ACCOUNTS; i++) {
            accounts.add(String.format("%012d", 200000000000L + i));
        }
        try (AwsStubAccess stub = AwsStubAccess.start()) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            for (String account : accounts) {
                for (String region : REGIONS) {
                    stub.limit(account, region, 1000);
                    stub.addFunctions(account, region, FUNCTIONS, "fn-");
                    for (long t = now.minus(Duration.ofHours(1)).getEpochSecond(); t < now.plus(Duration.ofHours(1))
                        .getEpochSecond(); t += 60) {
                        stub.put(account, region, "", "Invocations", "Sum", t, 100);
                        stub.put(account, region, "", "ConcurrentExecutions", "Maximum", t, 10);
                    }
                }
            }
            stub.delayEveryCall(300);
            System.out.printf("%d pairs x %d functions, 300 ms added to every call%n", accounts.size() * REGIONS.size(),
                    FUNCTIONS);
            run(1, phase1, stub, accounts);
            run(3, phase2, stub, accounts);
        }
        System.exit(0);
    }

    private static void run(int instances, Duration length, AwsStubAccess stub, List<String> accounts)
            throws InterruptedException {
        String url = EmbeddedPostgresSupport.freshDatabaseUrl("bench_units_" + instances);
        Instant started = Instant.now();
        List<ConfigurableApplicationContext> contexts = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            contexts.add(start(url, "bench-" + (i + 1), stub, accounts));
        }
        WorkUnits units = contexts.get(0).getBean(WorkUnits.class);
        Map<String, Instant> lastStart = new HashMap<>();
        List<Long> cycleSeconds = new ArrayList<>();
        List<Long> lags = new ArrayList<>();
        long worstLag = 0;
        Duration discoveryRound = null;
        Instant steadyFrom = started.plus(Duration.ofMinutes(2));
        while (Duration.between(started, Instant.now()).compareTo(length) < 0) {
            Thread.sleep(5_000);
            Instant at = Instant.now();
            List<UnitRow> rows = units.all();
            long discovered = 0;
            for (UnitRow row : rows) {
                if (row.kind().equals("DISCOVERY") && row.lastSuccessAt() != null) {
                    discovered++;
                }
                if (row.kind().equals("COLLECTION") && row.startedAt() != null) {
                    Instant previous = lastStart.put(row.name(), row.startedAt());
                    if (previous != null && row.startedAt().isAfter(previous) && at.isAfter(steadyFrom)) {
                        cycleSeconds.add(Duration.between(previous, row.startedAt()).toSeconds());
                    }
                }
            }
            if (discoveryRound == null && discovered == (long) accounts.size() * REGIONS.size()) {
                discoveryRound = Duration.between(started, at);
            }
            if (at.isAfter(steadyFrom)) {
                for (Instant watermark : contexts.get(0)
                    .getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("select watermark from collector_state")
                    .query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
                    .list()) {
                    long lag = Duration.between(watermark, at).toSeconds();
                    lags.add(lag);
                    worstLag = Math.max(worstLag, lag);
                }
            }
        }
        long[] calls = new long[instances];
        long total = 0;
        for (int i = 0; i < instances; i++) {
            calls[i] = (long) contexts.get(i).getBean(MeterRegistry.class).find("lambdalens.aws.api.calls")
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum();
            total += calls[i];
        }
        long discoveryDurations = units.all().stream()
            .filter((r) -> r.kind().equals("DISCOVERY") && r.durationMs() != null)
            .mapToLong(UnitRow::durationMs)
            .sum();
        lags.sort(Long::compare);
        cycleSeconds.sort(Long::compare);
        System.out.printf("%n== %d instance(s), %s ==%n", instances, length);
        System.out.printf("steady-state cycle time (start to start of one collection unit): mean %.1f s, p95 %d s, "
                + "max %d s (%d cycles)%n", cycleSeconds.stream().mapToLong(Long::longValue).average().orElse(0),
                percentile(cycleSeconds, 0.95), percentile(cycleSeconds, 1.0), cycleSeconds.size());
        System.out.printf("account-level freshness (now - account watermark, sampled every 5 s after 2 min): "
                + "median %d s, p95 %d s, worst %d s%n", percentile(lags, 0.5), percentile(lags, 0.95), worstLag);
        System.out.printf("first discovery round (ListFunctions + GetFunction of all %d functions per pair): %s%n",
                FUNCTIONS, (discoveryRound != null) ? discoveryRound.toSeconds() + " s" : "not finished within the phase");
        System.out.printf("discovery unit time, summed over all pairs' last runs: %d s (%d discovery threads per "
                + "instance)%n", discoveryDurations / 1000, 4);
        for (int i = 0; i < instances; i++) {
            System.out.printf("instance bench-%d: %d AWS calls, %.1f%% of all%n", i + 1, calls[i],
                    (total > 0) ? 100.0 * calls[i] / total : 0);
        }
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(p * sorted.size()) - 1));
        return sorted.get(index);
    }

    private static ConfigurableApplicationContext start(String url, String instance, AwsStubAccess stub,
            List<String> accounts) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=", "--lambdalens.source=aws",
                "--lambdalens.aws.regions=" + String.join(",", REGIONS), "--lambdalens.aws.access-key-id=AKIATESTHOME",
                "--lambdalens.aws.secret-access-key=secret", "--lambdalens.aws.endpoint=" + stub.endpoint(),
                "--lambdalens.collector.enabled=true", "--lambdalens.collector.initial-backfill=1h",
                "--lambdalens.collector.initial-delay=0s",
                "--lambdalens.cluster.instance-id=" + instance, "--lambdalens.cluster.discovery-threads=4",
                "--lambdalens.alerting.enabled=false", "--lambdalens.notification.enabled=false",
                "--lambdalens.cost.budgets-enabled=false", "--lambdalens.retention.enabled=false",
                "--logging.level.root=WARN"));
        for (int i = 1; i < accounts.size(); i++) {
            args.add("--lambdalens.aws.accounts[" + (i - 1) + "].role-arn=arn:aws:iam::" + accounts.get(i)
                    + ":role/LambdaLensReadOnly");
        }
        return new SpringApplicationBuilder(LambdaLensApplication.class).web(WebApplicationType.NONE)
            .profiles("postgres")
            .run(args.toArray(String[]::new));
    }
}
