package dev.lambdalens.notification;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface DeliveryAttemptRepository extends JpaRepository<DeliveryAttempt, Long> {

    List<DeliveryAttempt> findByDeliveryIdOrderByAtAsc(long deliveryId);
}
