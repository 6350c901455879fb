package dev.lambdalens.runtime;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this instance runs its scheduled work ({@code lambdalens.cluster.*}).
 *
 * @param instanceId the name this instance goes by in locks, on the collector page and in the logs; by default the
 * host name, process id and a random suffix, so two instances on one host differ
 * @param lockAtMostFor how long a lock of once-per-cycle work (evaluation, budgets, retention, reminders) holds when
 * its holder dies; from 30 s up it is renewed while the work runs, so a long run is never repeated meanwhile
 * @param lease how long a work unit's lease (collection or discovery of one account and region) holds when its
 * holder dies; it is renewed every half lease while the unit runs. ShedLock's keep-alive needs at least 30 s
 * @param collectionThreads collection units run at once on this instance
 * @param discoveryThreads discovery units run at once on this instance
 * @param evaluationThreads evaluation passes run at once on this instance
 * @param deliveryThreads channels served at once on this instance
 * @param housekeepingThreads housekeeping tasks run at once on this instance
 */
@ConfigurationProperties("lambdalens.cluster")
public record RuntimeProperties(@Nullable String instanceId, @DefaultValue("10m") Duration lockAtMostFor,
        @DefaultValue("60s") Duration lease, @DefaultValue("4") int collectionThreads,
        @DefaultValue("2") int discoveryThreads, @DefaultValue("2") int evaluationThreads,
        @DefaultValue("8") int deliveryThreads, @DefaultValue("2") int housekeepingThreads) {

    /** The shortest lease ShedLock's keep-alive provider renews. */
    public static final Duration MINIMUM_LEASE = Duration.ofSeconds(30);

    public RuntimeProperties {
        if (lockAtMostFor.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lambdalens.cluster.lock-at-most-for must be at least 1s");
        }
        if (lease.compareTo(MINIMUM_LEASE) < 0) {
            throw new IllegalArgumentException("lambdalens.cluster.lease must be at least 30s (ShedLock renews "
                    + "leases from 30s up) but is " + lease.toSeconds() + "s");
        }
        for (int threads : new int[] { collectionThreads, discoveryThreads, evaluationThreads, deliveryThreads,
                housekeepingThreads }) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("lambdalens.cluster.*-threads must be between 1 and 256");
            }
        }
        if (instanceId != null && (instanceId.isBlank() || instanceId.length() > 100)) {
            throw new IllegalArgumentException("lambdalens.cluster.instance-id must be 1 to 100 characters");
        }
    }

    int threads(WorkKind kind) {
        return switch (kind) {
            case COLLECTION -> this.collectionThreads;
            case DISCOVERY -> this.discoveryThreads;
            case EVALUATION -> this.evaluationThreads;
            case DELIVERY -> this.deliveryThreads;
            case HOUSEKEEPING -> this.housekeepingThreads;
        };
    }
}
