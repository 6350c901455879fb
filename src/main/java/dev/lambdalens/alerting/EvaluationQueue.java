package dev.lambdalens.alerting;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.lambdalens.runtime.ClusterTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Evaluation after new data, off the path that stored it: the accounts and regions changed are noted and one
 * background thread of its own evaluates them. While a pass runs, further changes wait for the next one, so a
 * burst of stored batches (a Metric Streams backlog, a backfill) is one pass, not one per batch, and the request
 * or cycle that stored them never waits.
 */
class EvaluationQueue implements DisposableBean {

    private static final Logger logger = LoggerFactory.getLogger(EvaluationQueue.class);

    private final RuleEvaluation evaluation;

    private final ClusterTasks cluster;

    private final Set<String> changed = ConcurrentHashMap.newKeySet();

    /** One thread, one pass waiting at most: anything more is already covered by the waiting pass. */
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1), (task) -> {
                Thread thread = new Thread(task, "alert-evaluation");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    EvaluationQueue(RuleEvaluation evaluation, ClusterTasks cluster) {
        this.evaluation = evaluation;
        this.cluster = cluster;
    }

    /** Notes that samples of the account and region were stored; returns at once. */
    void changed(String account, String region) {
        this.changed.add(account + "/" + region);
        this.executor.execute(this::drain);
    }

    /** Whether nothing is waiting or running, for tests and the benchmark. */
    boolean idle() {
        return this.changed.isEmpty() && this.executor.getActiveCount() == 0 && this.executor.getQueue().isEmpty();
    }

    private void drain() {
        Set<String> regions = new HashSet<>();
        for (Iterator<String> it = this.changed.iterator(); it.hasNext();) {
            regions.add(it.next());
            it.remove();
        }
        if (regions.isEmpty()) {
            return;
        }
        try {
            // one evaluation at a time across instances; a pass missed here is made by the scheduled one
            this.cluster.runOnce("alert-evaluation", Duration.ZERO, () -> this.evaluation.evaluate(regions));
        }
        catch (RuntimeException ex) {
            logger.error("Evaluating after new data in {} failed", regions, ex);
        }
    }

    @Override
    public void destroy() {
        this.executor.shutdownNow();
    }
}
