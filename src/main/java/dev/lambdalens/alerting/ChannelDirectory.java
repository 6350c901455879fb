package dev.lambdalens.alerting;

/**
 * The notification channels that exist. Notification implements it (it listens to alerting, so alerting cannot ask
 * it directly); rules and budgets check through it that the channels they name are there.
 */
public interface ChannelDirectory {

    boolean exists(long channelId);
}
