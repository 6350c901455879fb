package dev.lambdalens.notification;

import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * An SNS message: the event as LambdaLens's JSON, under a subject for email subscribers.
 */
@Component
class SnsFormat implements NotificationFormat {

    /** SNS refuses subjects longer than this. */
    static final int MAX_SUBJECT = 100;

    private final JsonMapper json;

    SnsFormat(JsonMapper json) {
        this.json = json;
    }

    @Override
    public ChannelType type() {
        return ChannelType.SNS;
    }

    @Override
    public Object body(Map<String, Object> event, Channel channel) {
        String subject = "[LambdaLens] " + NotificationFormat.title(event);
        return new SnsMessage((subject.length() > MAX_SUBJECT) ? subject.substring(0, MAX_SUBJECT - 1) + "…" : subject,
                this.json.writeValueAsString(event));
    }

    /** A subject and a message. */
    record SnsMessage(String subject, String message) {
    }
}
