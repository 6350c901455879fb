package dev.lambdalens.notification;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface DeliveryAttemptRepository extends JpaRepository<DeliveryAttempt, Long> {

    List<DeliveryAttempt> findByDeliveryIdOrderByAtAsc(long deliveryId);

    /** The attempts of a page of deliveries in one query, not one per delivery. */
    List<DeliveryAttempt> findByDeliveryIdInOrderByAtAscIdAsc(java.util.Collection<Long> deliveryIds);
}
