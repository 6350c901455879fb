package dev.lambdalens.alerting;

import java.util.List;

/**
 * The notification channels that exist. Notification implements it (it listens to alerting, so alerting cannot ask
 * it directly); rules and budgets check through it that the channels they name are there, and their forms offer
 * them by name.
 */
public interface ChannelDirectory {

    boolean exists(long channelId);

    /** Every channel, by name, for a form to offer as choices. */
    List<Listed> listed();

    /**
     * One channel as a form names it.
     *
     * @param kind the kind of channel in words ("webhook", "Slack")
     * @param minimumSeverity the least severity it is sent; a rule naming no channel reaches it from there on
     */
    record Listed(long id, String name, String kind, Severity minimumSeverity, boolean enabled) {
    }
}
