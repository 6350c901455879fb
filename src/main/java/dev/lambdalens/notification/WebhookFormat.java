package dev.lambdalens.notification;

import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The generic webhook: the event as LambdaLens stores it, signed.
 */
@Component
class WebhookFormat implements NotificationFormat {

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public Object body(Map<String, Object> event, Channel channel) {
        return event;
    }

    @Override
    public boolean signed() {
        return true;
    }
}
