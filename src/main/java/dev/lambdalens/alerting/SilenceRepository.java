package dev.lambdalens.alerting;

import org.springframework.data.jpa.repository.Query;

import org.springframework.data.domain.Limit;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface SilenceRepository extends JpaRepository<Silence, Long> {

    List<Silence> findByEndsAtAfterOrderByEndsAtAsc(Instant now);

    List<Silence> findAllByOrderByStartsAtDesc();

    /** One page, latest start first, after (startsAt, id); only those still in force at {@code endingAfter}. */
    @Query("""
            select s from Silence s where s.endsAt > :endingAfter
            and (s.startsAt < :startsAt or (s.startsAt = :startsAt and s.id < :id))
            order by s.startsAt desc, s.id desc""")
    List<Silence> page(Instant endingAfter, Instant startsAt, long id, Limit limit);
}
