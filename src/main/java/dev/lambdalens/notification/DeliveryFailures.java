package dev.lambdalens.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.AlarmState;
import dev.lambdalens.alerting.AlertTarget;
import dev.lambdalens.alerting.ExternalAlerts;
import dev.lambdalens.alerting.Severity;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Decides what a failed attempt means ({@link DeliveryOutcome}): when to try again, when to give up; and keeps the
 * monitor honest about itself: a channel whose deliveries are given up is marked failing and raises the built-in
 * "Notifications given up" alert (one per channel, delivered through every other channel, silenced and acknowledged like
 * any other), which resolves once a delivery to that channel gets through again.
 */
@Component
class DeliveryFailures {

    /** The rule the built-in channel alerts belong to. */
    static final String SOURCE = "lambdalens:notifications";

    /** The target of a channel's built-in alert: account {@value}, region {@link #REGION}, the channel's name. */
    static final String ACCOUNT = "lambdalens";

    static final String REGION = "channels";

    private final NotificationProperties properties;

    private final ExternalAlerts alerts;

    DeliveryFailures(NotificationProperties properties, ExternalAlerts alerts) {
        this.properties = properties;
        this.alerts = alerts;
    }

    /** A failed attempt, in the delivery's transaction; {@code answer} is {@code null} when nothing answered. */
    void failed(Delivery delivery, Channel channel, DeliveryOutcome.@Nullable Answer answer, String error,
            Instant now) {
        if (answer != null && answer.permanentRefusal()) {
            delivery.refused(error, now, this.properties.refusedAttempts(), this.properties.firstBackoff(),
                    this.properties.maxBackoff(), this.properties.giveUpAfter());
        }
        else {
            delivery.failed(error, now, this.properties.firstBackoff(), this.properties.maxBackoff(),
                    this.properties.giveUpAfter(), (answer != null && answer.status() == 429)
                            ? answer.retryAfter(now) : null);
        }
        if (delivery.status() == Delivery.Status.GAVE_UP) {
            channel.failing(now, error);
            report(channel, AlarmState.ALARM, "gave up delivering " + delivery.idempotencyKey() + " after "
                    + delivery.attempts() + " attempts: " + error);
        }
    }

    /** A delivery got through. */
    void delivered(Channel channel) {
        if (channel.working()) {
            report(channel, AlarmState.OK, "a delivery to " + channel.name() + " got through again");
        }
    }

    private void report(Channel channel, AlarmState state, String reason) {
        this.alerts.define(SOURCE, "Notifications given up", Severity.CRITICAL,
                "A channel refused or failed deliveries until LambdaLens gave them up: fix its URL or secret on "
                        + "the Channels page.", List.of());
        this.alerts.report(SOURCE, Map.of(new AlertTarget(ACCOUNT, REGION, channel.name()),
                new ExternalAlerts.Report(state, reason, List.of())));
    }
}
