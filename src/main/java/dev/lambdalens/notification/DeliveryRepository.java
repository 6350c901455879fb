package dev.lambdalens.notification;

import org.springframework.data.jpa.repository.Query;

import org.springframework.data.domain.Limit;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface DeliveryRepository extends JpaRepository<Delivery, Long> {

    List<Delivery> findTop100ByStatusAndNextAttemptAtLessThanEqualOrderByNextAttemptAtAsc(Delivery.Status status,
            Instant now);

    List<Delivery> findTop200ByOrderByCreatedAtDesc();

    /** Every delivery owed in [from, to), oldest first: the delivery log export. */
    List<Delivery> findByCreatedAtGreaterThanEqualAndCreatedAtLessThanOrderByCreatedAtAscIdAsc(Instant from, Instant to);

    /** One page of the delivery log, newest first, before the id given, narrowed by the filters that are set. */
    @Query("""
            select d from Delivery d where d.id < :before and (:status is null or d.status = :status)
            and (:channel is null or d.channelId = :channel) and d.createdAt >= :from and d.createdAt < :to
            order by d.id desc""")
    List<Delivery> page(long before, Delivery.@Nullable Status status, @Nullable Long channel, Instant from,
            Instant to, Limit limit);
}
