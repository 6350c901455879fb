package dev.lambdalens.notification;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Sends one event to one channel, written in that channel's format.
 */
@Component
class ChannelSender {

    /** Reported when a channel's format needs no message for an event: done, nothing sent. */
    static final int NOTHING_TO_SEND = 204;

    private final WebhookSender webhook;

    private final EmailSender email;

    private final SnsSender sns;

    private final JsonMapper json;

    private final Map<ChannelType, NotificationFormat> formats = new EnumMap<>(ChannelType.class);

    ChannelSender(WebhookSender webhook, EmailSender email, SnsSender sns, JsonMapper json,
            List<NotificationFormat> formats) {
        this.webhook = webhook;
        this.email = email;
        this.sns = sns;
        this.json = json;
        formats.forEach((format) -> this.formats.put(format.type(), format));
        for (ChannelType type : ChannelType.values()) {
            if (!this.formats.containsKey(type)) {
                throw new IllegalStateException("No notification format for channel type " + type);
            }
        }
    }

    /** @return the HTTP status the channel answered (for email, the SMTP "OK" code once the server accepted it) */
    int send(Channel channel, String idempotencyKey, Map<String, Object> event) throws Exception {
        return answer(channel, idempotencyKey, event).status();
    }

    /** The channel's answer, with the wait it asked for when it gave one ({@code Retry-After}). */
    DeliveryOutcome.Answer answer(Channel channel, String idempotencyKey, Map<String, Object> event)
            throws Exception {
        NotificationFormat format = this.formats.get(channel.type());
        Object body = format.body(event, channel);
        if (body == null) {
            return new DeliveryOutcome.Answer(NOTHING_TO_SEND, null);
        }
        if (channel.type() == ChannelType.EMAIL) {
            return new DeliveryOutcome.Answer(
                    this.email.send(channel.url(), idempotencyKey, (EmailFormat.EmailMessage) body), null);
        }
        if (channel.type() == ChannelType.SNS) {
            return new DeliveryOutcome.Answer(
                    this.sns.publish(channel.url(), idempotencyKey, (SnsFormat.SnsMessage) body), null);
        }
        return this.webhook.answer(format.target(channel), format.signed() ? channel.secret() : null, idempotencyKey,
                this.json.writeValueAsString(body));
    }

    /** An event as the outbox stores it. */
    @SuppressWarnings("unchecked")
    Map<String, Object> read(String payload) {
        return this.json.readValue(payload, Map.class);
    }
}
