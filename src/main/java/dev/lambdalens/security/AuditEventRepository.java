package dev.lambdalens.security;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AuditEventRepository extends JpaRepository<AuditEvent, Long> {

    List<AuditEvent> findAllByOrderByIdDesc(Pageable page);

    List<AuditEvent> findByEntityTypeOrderByIdDesc(String entityType, Pageable page);

    /** One page of the log, newest first, before the id given, narrowed by the filters that are set. */
    @Query("""
            select e from AuditEvent e where e.id < :before and (:entityType is null or e.entityType = :entityType)
            and (:actor is null or e.actor = :actor) and e.at >= :from and e.at < :to order by e.id desc""")
    List<AuditEvent> page(long before, @Nullable String entityType, @Nullable String actor, Instant from, Instant to,
            Limit limit);
}
