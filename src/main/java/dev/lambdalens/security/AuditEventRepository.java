package dev.lambdalens.security;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditEventRepository extends JpaRepository<AuditEvent, Long> {

    List<AuditEvent> findAllByOrderByIdDesc(Pageable page);

    List<AuditEvent> findByEntityTypeOrderByIdDesc(String entityType, Pageable page);
}
