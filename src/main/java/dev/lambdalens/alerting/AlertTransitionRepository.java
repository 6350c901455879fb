package dev.lambdalens.alerting;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface AlertTransitionRepository extends JpaRepository<AlertTransition, Long> {

    List<AlertTransition> findByAlertIdOrderByAtDesc(long alertId);

    /** Every state change in [from, to), oldest first: the alert history export. */
    List<AlertTransition> findByAtGreaterThanEqualAndAtLessThanOrderByAtAscIdAsc(java.time.Instant from,
            java.time.Instant to);
}
