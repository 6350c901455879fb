package dev.lambdalens.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Work that one instance at a time may do, however many share the database: a ShedLock lock per task or work unit,
 * on the database's clock. Locks of at least 30 s are leases that ShedLock's {@link KeepAliveLockProvider} renews
 * every half period while the work runs, so a run that outlives its lease is never started a second time; when the
 * holder dies, renewals stop and another instance takes the work over once the lease has run out.
 */
@Component
public class ClusterTasks implements DisposableBean {

    private final LockingTaskExecutor plain;

    private final LockingTaskExecutor renewed;

    private final ScheduledExecutorService renewals;

    private final RuntimeProperties properties;

    private final String instanceId;

    public ClusterTasks(DataSource dataSource, RuntimeProperties properties) {
        this.properties = properties;
        this.instanceId = (properties.instanceId() != null) ? properties.instanceId() : defaultInstanceId();
        JdbcTemplateLockProvider provider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration
            .builder()
            .withJdbcTemplate(new JdbcTemplate(dataSource))
            .withLockedByValue(this.instanceId)
            .usingDbTime()
            .build());
        this.renewals = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "lease-renewal");
            thread.setDaemon(true);
            return thread;
        });
        this.plain = new DefaultLockingTaskExecutor(provider);
        this.renewed = new DefaultLockingTaskExecutor(new KeepAliveLockProvider(provider, this.renewals));
    }

    /** The name this instance goes by in locks and on the collector page. */
    public String instanceId() {
        return this.instanceId;
    }

    /** How long a work unit's lease holds after its holder died. */
    public Duration lease() {
        return this.properties.lease();
    }

    /**
     * Runs the task unless another instance holds its lock; returns whether it ran.
     * @param atLeastFor how long the lock stays taken even after the task ends, so that no other instance repeats a
     * cycle that has just run (a little less than the task's interval)
     */
    public boolean runOnce(String name, Duration atLeastFor, Runnable task) {
        Duration atMostFor = this.properties.lockAtMostFor();
        Duration most = (atLeastFor.compareTo(atMostFor) > 0) ? atLeastFor : atMostFor;
        // keep-alive renews only leases of 30 s and more; shorter locks (tests) simply expire
        LockingTaskExecutor executor = (most.compareTo(RuntimeProperties.MINIMUM_LEASE) >= 0) ? this.renewed
                : this.plain;
        return run(executor, new LockConfiguration(Instant.now(), name, most, atLeastFor), task);
    }

    /**
     * Runs one work unit under its lease unless another instance holds it; returns whether it ran. The lease is
     * renewed while the unit runs, however long it takes.
     */
    public boolean runLeased(String unit, Runnable task) {
        return run(this.renewed, new LockConfiguration(Instant.now(), unit, this.properties.lease(), Duration.ZERO),
                task);
    }

    private static boolean run(LockingTaskExecutor executor, LockConfiguration configuration, Runnable task) {
        try {
            return executor.executeWithLock(() -> {
                task.run();
                return null;
            }, configuration).wasExecuted();
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void destroy() {
        // a stopped instance renews nothing: its leases run out and another instance takes its units over
        this.renewals.shutdownNow();
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            host = "unknown-host";
        }
        String pid = String.valueOf(ProcessHandle.current().pid());
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        String id = host + "-" + pid + "-" + suffix;
        return (id.length() > 100) ? id.substring(id.length() - 100) : id;
    }
}
