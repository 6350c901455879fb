package dev.lambdalens.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.lambdalens.runtime.WorkKind;
import dev.lambdalens.runtime.WorkPools;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the deliveries that are due, channel by channel: each channel is served by one thread of the delivery pool
 * at a time, so a slow or dead receiver delays only its own channel. A delivery is first claimed, in a short
 * transaction ({@code FOR UPDATE SKIP LOCKED}, which moves its next attempt a claim period ahead), then sent outside
 * any transaction, then its outcome is recorded in another short one: a 2xx marks it delivered; anything else is
 * tried again after an exponential backoff, until the give-up age. An instance that dies while sending leaves the
 * claim to run out, and the delivery is sent again (at least once, with the same idempotency key).
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

    private final JdbcClient jdbc;

    private final WorkPools pools;

    private final Clock clock;

    private final DeliveryFailures failures;

    /** Channels a thread of this instance is serving now. */
    private final Set<Long> serving = ConcurrentHashMap.newKeySet();

    DeliveryWorker(DeliveryRepository deliveries, DeliveryAttemptRepository attempts, ChannelRepository channels,
            ChannelSender sender, NotificationProperties properties, TransactionTemplate transaction, JdbcClient jdbc,
            WorkPools pools, Clock clock, DeliveryFailures failures) {
        this.failures = failures;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.channels = channels;
        this.sender = sender;
        this.properties = properties;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.pools = pools;
        this.clock = clock;
    }

    /**
     * Hands every channel with due deliveries that no thread of this instance serves yet to the delivery pool;
     * returns how many channels were handed over. Never waits for a receiver.
     */
    int dispatch() {
        int handed = 0;
        for (long channelId : channelsWithDueDeliveries()) {
            if (this.serving.add(channelId)) {
                handed++;
                try {
                    this.pools.execute(WorkKind.DELIVERY, () -> {
                        try {
                            serve(channelId);
                        }
                        finally {
                            this.serving.remove(channelId);
                        }
                    });
                }
                catch (RuntimeException ex) {
                    this.serving.remove(channelId);
                    throw ex;
                }
            }
        }
        return handed;
    }

    /** Send what is due, channel after channel, on the calling thread; returns how many were delivered. */
    int deliverDue() {
        int delivered = 0;
        for (long channelId : channelsWithDueDeliveries()) {
            if (this.serving.add(channelId)) {
                try {
                    delivered += serve(channelId);
                }
                finally {
                    this.serving.remove(channelId);
                }
            }
        }
        return delivered;
    }

    private List<Long> channelsWithDueDeliveries() {
        return this.jdbc.sql("select distinct channel_id from delivery where status = 'PENDING' and next_attempt_at <= ?")
            .param(utc(this.clock.instant()))
            .query(Long.class)
            .list();
    }

    /** Sends the channel's due deliveries one after the other, oldest first; returns how many were delivered. */
    private int serve(long channelId) {
        int delivered = 0;
        // a bound, so that a channel whose deliveries keep coming back due cannot hold its thread for ever
        for (int i = 0; i < 100; i++) {
            Optional<Long> claimed = claim(channelId);
            if (claimed.isEmpty()) {
                break;
            }
            delivered += attempt(claimed.get()) ? 1 : 0;
        }
        return delivered;
    }

    /**
     * Claims the channel's oldest due delivery for this instance: rows another instance is claiming are skipped,
     * and the claimed one is not due again until the claim period has passed.
     */
    private Optional<Long> claim(long channelId) {
        Instant now = this.clock.instant();
        return this.transaction.execute((status) -> {
            Optional<Long> id = this.jdbc
                .sql("select id from delivery where channel_id = ? and status = 'PENDING' and next_attempt_at <= ? "
                        + "order by next_attempt_at, id limit 1 for update skip locked")
                .param(channelId)
                .param(utc(now))
                .query(Long.class)
                .optional();
            id.ifPresent((claimed) -> this.jdbc.sql("update delivery set next_attempt_at = ? where id = ?")
                .param(utc(now.plus(claimPeriod())))
                .param(claimed)
                .update());
            return id;
        });
    }

    /** Longer than any one attempt can take (request and mail timeouts), so a claim never runs out mid-send. */
    private Duration claimPeriod() {
        Duration threeAttempts = this.properties.requestTimeout().multipliedBy(3);
        return (threeAttempts.compareTo(Duration.ofMinutes(2)) > 0) ? threeAttempts : Duration.ofMinutes(2);
    }

    /** One attempt of a claimed delivery: sent outside any transaction, its outcome recorded in a short one. */
    private boolean attempt(long deliveryId) {
        Delivery delivery = this.deliveries.findById(deliveryId).orElse(null);
        Channel channel = (delivery != null) ? this.channels.findById(delivery.channelId()).orElse(null) : null;
        if (delivery == null || channel == null || delivery.status() != Delivery.Status.PENDING) {
            return false;
        }
        DeliveryOutcome.Answer answer = null;
        String error = null;
        try {
            answer = this.sender.answer(channel, delivery.idempotencyKey(), this.sender.read(delivery.payload()));
            if (!answer.delivered()) {
                error = "the receiver answered HTTP " + answer.status();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        catch (Exception ex) {
            error = SendFailures.describe(ex);
        }
        DeliveryOutcome.@Nullable Answer answered = answer;
        String failure = error;
        Boolean delivered = this.transaction.execute((tx) -> record(deliveryId, channel, answered, failure));
        return Boolean.TRUE.equals(delivered);
    }

    /** Records the outcome of one attempt and decides the next one; returns whether the delivery is delivered. */
    private boolean record(long deliveryId, Channel sent, DeliveryOutcome.@Nullable Answer answer,
            @Nullable String error) {
        Delivery delivery = this.deliveries.findById(deliveryId).orElseThrow();
        Instant now = this.clock.instant();
        if (delivery.status() != Delivery.Status.PENDING) {
            return false;
        }
        Integer status = (answer != null) ? answer.status() : null;
        // the channel read before sending is detached: mark failing or working on the one this transaction holds
        Channel channel = this.channels.findById(sent.id()).orElse(sent);
        if (error == null) {
            delivery.delivered(now);
            this.failures.delivered(channel);
            this.attempts.save(new DeliveryAttempt(deliveryId, now, status, "DELIVERED", null));
            return true;
        }
        // when to retry and when to give up is DeliveryOutcome's policy, applied by DeliveryFailures
        this.failures.failed(delivery, channel, answer, error, now);
        this.attempts.save(new DeliveryAttempt(deliveryId, now, status,
                (delivery.status() == Delivery.Status.GAVE_UP) ? "GAVE_UP" : "FAILED", error));
        if (delivery.status() == Delivery.Status.GAVE_UP) {
            logger.error("Gave up delivering {} to channel {} after {} attempts: {}", delivery.idempotencyKey(),
                    channel.name(), delivery.attempts(), error);
        }
        return false;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
