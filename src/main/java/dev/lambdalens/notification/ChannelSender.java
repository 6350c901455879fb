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
        NotificationFormat format = this.formats.get(channel.type());
        Object body = format.body(event, channel);
        if (body == null) {
            return NOTHING_TO_SEND;
        }
        if (channel.type() == ChannelType.EMAIL) {
            return this.email.send(channel.url(), idempotencyKey, (EmailFormat.EmailMessage) body);
        }
        if (channel.type() == ChannelType.SNS) {
            return this.sns.publish(channel.url(), idempotencyKey, (SnsFormat.SnsMessage) body);
        }
        return this.webhook.send(format.target(channel), format.signed() ? channel.secret() : null, idempotencyKey,
                this.json.writeValueAsString(body));
    }

    /** An event as the outbox stores it. */
    @SuppressWarnings("unchecked")
    Map<String, Object> read(String payload) {
        return this.json.readValue(payload, Map.class);
    }
}
