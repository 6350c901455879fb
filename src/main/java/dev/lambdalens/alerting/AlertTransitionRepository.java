package dev.lambdalens.alerting;

import org.springframework.data.jpa.repository.Query;

import org.springframework.data.domain.Limit;

import java.time.Instant;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface AlertTransitionRepository extends JpaRepository<AlertTransition, Long> {

    List<AlertTransition> findByAlertIdOrderByAtDesc(long alertId);

    /** Every state change in [from, to), oldest first: the alert history export. */
    List<AlertTransition> findByAtGreaterThanEqualAndAtLessThanOrderByAtAscIdAsc(java.time.Instant from,
            java.time.Instant to);

    /** One page of an alert's history, newest first, after (at, id), within [from, to). */
    @Query("""
            select t from AlertTransition t where t.alertId = :alert and t.at >= :from and t.at < :to
            and (t.at < :at or (t.at = :at and t.id < :id)) order by t.at desc, t.id desc""")
    List<AlertTransition> page(long alert, Instant from, Instant to, Instant at, long id, Limit limit);
}
