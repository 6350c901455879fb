package dev.lambdalens.notification;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.lambdalens.runtime.ClusterTasks;
import dev.lambdalens.LambdaLensApplication;
import dev.lambdalens.alerting.RuleEvaluation;
import dev.lambdalens.collector.CycleRunner;
import dev.lambdalens.testing.EmbeddedPostgresSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one PostgreSQL: scheduled work runs on one of them per cycle, nothing is notified twice, and when
 * the instance holding a lock dies the other takes over after one lock period, with no gap in the stored data.
 */
class ClusterTests {

    static final Duration LOCK_PERIOD = Duration.ofSeconds(3);

    static int databases;

    ConfigurableApplicationContext a;

    ConfigurableApplicationContext b;

    Receiver receiver;

    @BeforeEach
    void twoInstances() {
        EmbeddedPostgresSupport.server();
        String url = EmbeddedPostgresSupport.freshDatabaseUrl("cluster_" + (++databases));
        this.a = start(url);
        this.b = start(url);
        this.receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { this.a, this.b }) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
        if (this.receiver != null) {
            this.receiver.close();
        }
    }

    @Test
    void exactlyOneInstanceCollectsEachCycle() throws Exception {
        List<Boolean> ran = together(() -> collect(this.a, Duration.ofSeconds(50)),
                () -> collect(this.b, Duration.ofSeconds(50)));
        assertThat(ran).containsExactlyInAnyOrder(true, false);
        // the same cycle asked again a moment later, on either instance: already done
        assertThat(collect(this.a, Duration.ofSeconds(50))).isFalse();
        assertThat(collect(this.b, Duration.ofSeconds(50))).isFalse();
    }

    @Test
    void noAlertIsNotifiedTwiceWhenBothInstancesEvaluateAndDeliver() throws Exception {
        jdbc(this.a).sql("insert into channel (name, type, url, minimum_severity, enabled, created_at) "
                + "values ('hook', 'WEBHOOK', ?, 'INFO', true, current_timestamp)").param(this.receiver.url()).update();
        collect(this.a, Duration.ZERO);
        together(() -> evaluate(this.a), () -> evaluate(this.b));
        together(() -> evaluate(this.a), () -> evaluate(this.b));
        assertThat(jdbc(this.a).sql("select count(*) from alert_transition where to_state = 'ALARM'").query(Long.class)
            .single()).as("the demo fires some alerts").isPositive();
        assertThat(jdbc(this.a).sql("select alert_id from alert_transition where to_state = 'ALARM' "
                + "group by alert_id having count(*) > 1").query(Long.class).list()).isEmpty();
        long owed = jdbc(this.a).sql("select count(*) from delivery").query(Long.class).single();
        together(() -> deliver(this.a), () -> deliver(this.b));
        together(() -> deliver(this.a), () -> deliver(this.b));
        Set<String> keys = this.receiver.requests.stream().map(Receiver.Request::idempotencyKey)
            .collect(Collectors.toSet());
        assertThat(this.receiver.requests).hasSize((int) owed);
        assertThat(keys).hasSize((int) owed);
    }

    @Test
    void theOtherInstanceTakesOverOneLockPeriodAfterTheHolderDies() throws Exception {
        collect(this.a, Duration.ZERO);
        // instance a takes the lock for its next cycle and dies in the middle of it
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> this.a.getBean(ClusterTasks.class).runOnce("collection", Duration.ZERO, () -> {
            inside.countDown();
            sleep(Duration.ofMinutes(1));
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        this.a.close();
        long diedAt = System.nanoTime();
        assertThat(collect(this.b, Duration.ZERO)).as("the lock is still held by the dead instance").isFalse();
        sleep(LOCK_PERIOD.plusMillis(500));
        assertThat(collect(this.b, Duration.ZERO)).as("taken over after one lock period").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - diedAt)).isLessThan(LOCK_PERIOD.multipliedBy(3));
        // b carried on from a's watermark: every minute of the account series is there, none twice
        List<Long> minutes = jdbc(this.b).sql("select v.ts from metric_sample v join metric_series s on s.id = v.series_id "
                + "where s.function_name = '' and s.region = 'us-east-1' and s.metric = 'Invocations' order by v.ts")
            .query(Long.class).list();
        for (int i = 1; i < minutes.size(); i++) {
            assertThat(minutes.get(i) - minutes.get(i - 1)).as("minute after %s", minutes.get(i - 1)).isEqualTo(60);
        }
    }

    private static boolean collect(ConfigurableApplicationContext context, Duration atLeastFor) {
        return context.getBean(ClusterTasks.class).runOnce("collection", atLeastFor,
                () -> CycleRunner.runCycle(context));
    }

    private static boolean evaluate(ConfigurableApplicationContext context) {
        return context.getBean(ClusterTasks.class).runOnce("alert-evaluation", Duration.ZERO,
                context.getBean(RuleEvaluation.class)::evaluateAll);
    }

    private static boolean deliver(ConfigurableApplicationContext context) {
        return context.getBean(ClusterTasks.class).runOnce("notification-deliveries", Duration.ZERO,
                context.getBean(DeliveryWorker.class)::deliverDue);
    }

    /** Runs both at the same moment on two threads, as two instances' schedulers would. */
    @SafeVarargs
    private static List<Boolean> together(java.util.function.Supplier<Boolean>... tasks) throws Exception {
        CyclicBarrier start = new CyclicBarrier(tasks.length);
        List<CompletableFuture<Boolean>> runs = java.util.Arrays.stream(tasks)
            .map((task) -> CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
                return task.get();
            }))
            .toList();
        return runs.stream().map(CompletableFuture::join).toList();
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(LambdaLensApplication.class).web(WebApplicationType.NONE)
            .profiles("postgres")
            .run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=", "--lambdalens.collector.enabled=false",
                    "--lambdalens.collector.initial-backfill=2h", "--lambdalens.alerting.enabled=false",
                    "--lambdalens.notification.enabled=false", "--lambdalens.cost.budgets-enabled=false",
                    "--lambdalens.alerting.settle-delay=0s",
                    "--lambdalens.cluster.lock-at-most-for=" + LOCK_PERIOD.toSeconds() + "s");
    }
}
