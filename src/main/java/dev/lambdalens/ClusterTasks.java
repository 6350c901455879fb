package dev.lambdalens;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Scheduled work that must run once per cycle however many instances share the database: a ShedLock lock on the
 * database (its clock, not the instances') around each run. An instance that dies holding a lock gives it up after
 * {@code lambdalens.cluster.lock-at-most-for}, and another takes over.
 */
@Component
public class ClusterTasks {

    private final LockingTaskExecutor executor;

    private final Duration atMostFor;

    public ClusterTasks(DataSource dataSource,
            @Value("${lambdalens.cluster.lock-at-most-for:10m}") Duration atMostFor) {
        if (atMostFor.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lambdalens.cluster.lock-at-most-for must be at least 1s");
        }
        this.executor = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(
                JdbcTemplateLockProvider.Configuration.builder()
                    .withJdbcTemplate(new JdbcTemplate(dataSource))
                    .usingDbTime()
                    .build()));
        this.atMostFor = atMostFor;
    }

    /**
     * Runs the task unless another instance holds its lock; returns whether it ran.
     * @param atLeastFor how long the lock stays taken even after the task ends, so that no other instance repeats a
     * cycle that has just run (a little less than the task's interval)
     */
    public boolean runOnce(String name, Duration atLeastFor, Runnable task) {
        Duration most = (atLeastFor.compareTo(this.atMostFor) > 0) ? atLeastFor : this.atMostFor;
        LockingTaskExecutor.TaskResult<Object> result;
        try {
            result = this.executor.executeWithLock(() -> {
                task.run();
                return null;
            }, new LockConfiguration(Instant.now(), name, most, atLeastFor));
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex);
        }
        return result.wasExecuted();
    }
}
