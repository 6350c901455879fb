package dev.lambdalens.notification;

import java.util.Map;

/**
 * How one kind of channel wants a notification written. The outbox stores the event once, in LambdaLens's own
 * webhook form; a format turns it into the channel's body when it is sent.
 */
interface NotificationFormat {

    ChannelType type();

    /** The request body for this channel. */
    Object body(Map<String, Object> event, Channel channel);

    /** Whether this channel's requests carry LambdaLens's HMAC signature header. */
    default boolean signed() {
        return false;
    }

    static String title(Map<String, Object> event) {
        String prefix = switch (String.valueOf(event.get("status"))) {
            case "firing" -> "FIRING: ";
            case "resolved" -> "RESOLVED: ";
            default -> "TEST: ";
        };
        return prefix + event.get("rule");
    }

    static String target(Map<String, Object> event) {
        String function = String.valueOf(event.getOrDefault("function", ""));
        return (function.isEmpty() ? "account " + event.get("account") : function + " (account " + event.get("account")
                + ")") + " in " + event.get("region");
    }
}
