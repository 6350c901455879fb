package dev.lambdalens.runtime;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One bounded pool of threads per {@link WorkKind}, and the triggers that hand periodic work to them: a trigger
 * thread only decides when, the pool's threads do the work, so a slow receiver, a slow account or a hung SMTP relay
 * holds up only the pool it runs in. Each pool is measured ({@code executor.*{name=lambdalens.<kind>}}: active
 * threads, queued tasks, completed).
 */
@Component
public class WorkPools implements DisposableBean {

    private static final Logger logger = LoggerFactory.getLogger(WorkPools.class);

    private final Map<WorkKind, ThreadPoolExecutor> pools = new EnumMap<>(WorkKind.class);

    private final ScheduledExecutorService triggers = Executors.newScheduledThreadPool(2, named("trigger"));

    public WorkPools(RuntimeProperties properties, MeterRegistry registry) {
        for (WorkKind kind : WorkKind.values()) {
            int threads = properties.threads(kind);
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                    new LinkedBlockingQueue<>(), named(kind.name().toLowerCase(Locale.ROOT)));
            pool.allowCoreThreadTimeOut(true);
            this.pools.put(kind, pool);
            ExecutorServiceMetrics.monitor(registry, pool, "lambdalens." + kind.name().toLowerCase(Locale.ROOT),
                    Tags.empty());
        }
    }

    /** Queue the task on its kind's pool. */
    public void execute(WorkKind kind, Runnable task) {
        this.pools.get(kind).execute(guarded(task));
    }

    /** Threads of the kind's pool not busy now: how many more tasks would start at once. */
    public int idleThreads(WorkKind kind) {
        ThreadPoolExecutor pool = this.pools.get(kind);
        return Math.max(0, pool.getMaximumPoolSize() - pool.getActiveCount() - pool.getQueue().size());
    }

    /** Tasks waiting for a thread of the kind's pool. */
    public int queued(WorkKind kind) {
        return this.pools.get(kind).getQueue().size();
    }

    /**
     * Runs {@code task} on the kind's pool every {@code delay} after the end of its previous run (fixed delay, as
     * Spring's scheduler would), never two runs at once.
     */
    public void scheduleWithFixedDelay(WorkKind kind, String name, Duration initialDelay, Duration delay,
            Runnable task) {
        Runnable[] submit = new Runnable[1];
        Runnable run = () -> {
            try {
                task.run();
            }
            catch (RuntimeException ex) {
                logger.error("Scheduled task {} failed", name, ex);
            }
            finally {
                try {
                    this.triggers.schedule(submit[0], delay.toMillis(), TimeUnit.MILLISECONDS);
                }
                catch (RejectedExecutionException stopping) {
                    // the instance is shutting down
                }
            }
        };
        // the trigger thread only hands the run to the pool; the next run is planned when this one ends
        submit[0] = () -> {
            try {
                this.pools.get(kind).execute(run);
            }
            catch (RejectedExecutionException stopping) {
                // the instance is shutting down
            }
        };
        this.triggers.schedule(submit[0], initialDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Calls {@code tick} on the trigger thread every {@code period}: for dispatchers that look what is due and hand
     * it to a pool themselves. The tick must not block.
     */
    public void every(String name, Duration initialDelay, Duration period, Runnable tick) {
        this.triggers.scheduleWithFixedDelay(() -> {
            try {
                tick.run();
            }
            catch (RuntimeException | Error ex) {
                // never let one failed look end the schedule: the executor would drop every later one silently
                logger.error("Trigger {} failed", name, ex);
            }
        }, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        this.triggers.shutdownNow();
        this.pools.values().forEach(ThreadPoolExecutor::shutdownNow);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            }
            catch (RuntimeException ex) {
                logger.error("Background task failed", ex);
            }
        };
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return (task) -> {
            Thread thread = new Thread(task, "lambdalens-" + prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
