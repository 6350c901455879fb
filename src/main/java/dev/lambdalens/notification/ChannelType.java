package dev.lambdalens.notification;

/**
 * The kinds of channel LambdaLens can deliver to.
 */
public enum ChannelType {
    /** A generic JSON webhook, signed with HMAC-SHA256 when the channel has a secret. */
    WEBHOOK
}
