package dev.lambdalens.alerting;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface SilenceRepository extends JpaRepository<Silence, Long> {

    List<Silence> findByEndsAtAfterOrderByEndsAtAsc(Instant now);

    List<Silence> findAllByOrderByStartsAtDesc();
}
