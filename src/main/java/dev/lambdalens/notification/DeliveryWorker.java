package dev.lambdalens.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the deliveries that are due, each in a transaction of its own: a 2xx marks it delivered; anything else is
 * logged and tried again after an exponential backoff, until the give-up age. Pending deliveries survive restarts,
 * since they live in the database.
 */
@Component
class DeliveryWorker {

    private static final Logger logger = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryRepository deliveries;

    private final DeliveryAttemptRepository attempts;

    private final ChannelRepository channels;

    private final ChannelSender sender;

    private final NotificationProperties properties;

    private final TransactionTemplate transaction;

    private final Clock clock;

    DeliveryWorker(DeliveryRepository deliveries, DeliveryAttemptRepository attempts, ChannelRepository channels,
            ChannelSender sender, NotificationProperties properties, TransactionTemplate transaction, Clock clock) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.channels = channels;
        this.sender = sender;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Send what is due; returns how many were delivered. */
    synchronized int deliverDue() {
        List<Delivery> due = this.deliveries
            .findTop100ByStatusAndNextAttemptAtLessThanEqualOrderByNextAttemptAtAsc(Delivery.Status.PENDING,
                    this.clock.instant());
        int delivered = 0;
        for (Delivery delivery : due) {
            Boolean ok = this.transaction.execute((status) -> attempt(delivery.id()));
            delivered += Boolean.TRUE.equals(ok) ? 1 : 0;
        }
        return delivered;
    }

    private boolean attempt(long deliveryId) {
        Delivery delivery = this.deliveries.findById(deliveryId).orElseThrow();
        Channel channel = this.channels.findById(delivery.channelId()).orElse(null);
        Instant now = this.clock.instant();
        if (channel == null || delivery.status() != Delivery.Status.PENDING) {
            return false;
        }
        Integer status = null;
        String error;
        try {
            status = this.sender.send(channel, delivery.idempotencyKey(), this.sender.read(delivery.payload()));
            if (status >= 200 && status < 300) {
                delivery.delivered(now);
                this.attempts.save(new DeliveryAttempt(deliveryId, now, status, "DELIVERED", null));
                return true;
            }
            error = "the receiver answered HTTP " + status;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        catch (Exception ex) {
            error = SendFailures.describe(ex);
        }
        delivery.failed(error, now, this.properties.firstBackoff(), this.properties.maxBackoff(),
                this.properties.giveUpAfter());
        this.attempts.save(new DeliveryAttempt(deliveryId, now, status,
                (delivery.status() == Delivery.Status.GAVE_UP) ? "GAVE_UP" : "FAILED", error));
        if (delivery.status() == Delivery.Status.GAVE_UP) {
            logger.error("Gave up delivering {} to channel {} after {} attempts: {}", delivery.idempotencyKey(),
                    channel.name(), delivery.attempts(), error);
        }
        return false;
    }
}
