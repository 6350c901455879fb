package dev.lambdalens.notification;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface DeliveryRepository extends JpaRepository<Delivery, Long> {

    List<Delivery> findTop100ByStatusAndNextAttemptAtLessThanEqualOrderByNextAttemptAtAsc(Delivery.Status status,
            Instant now);

    List<Delivery> findTop200ByOrderByCreatedAtDesc();

    /** Every delivery owed in [from, to), oldest first: the delivery log export. */
    List<Delivery> findByCreatedAtGreaterThanEqualAndCreatedAtLessThanOrderByCreatedAtAscIdAsc(Instant from, Instant to);
}
