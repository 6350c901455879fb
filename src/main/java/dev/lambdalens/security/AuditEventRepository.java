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

    /**
     * One page of the log, newest first, before the id given, narrowed by the filters that are set; {@code search} a
     * lower-case LIKE pattern matched against the actor, action, entity type and id.
     */
    @Query("""
            select e from AuditEvent e where e.id < :before and (:entityType is null or e.entityType = :entityType)
            and (:actor is null or e.actor = :actor) and e.at >= :from and e.at < :to
            and (:search is null or lower(e.actor) like :search or lower(e.action) like :search
                or lower(e.entityType) like :search or lower(e.entityId) like :search)
            order by e.id desc""")
    List<AuditEvent> page(long before, @Nullable String entityType, @Nullable String actor, Instant from, Instant to,
            @Nullable String search, Limit limit);

    /** The kinds of entity the log names, for the page's filter. */
    @Query("select distinct e.entityType from AuditEvent e order by e.entityType")
    List<String> entityTypes();
}
