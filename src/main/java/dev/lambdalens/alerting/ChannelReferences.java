package dev.lambdalens.alerting;

import java.util.List;

import dev.lambdalens.InvalidFieldException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Refuses a rule or budget that names more channels than any setup has, or a channel that does not exist: an unknown
 * id would be a rule that notifies nobody, silently.
 */
@Component
public class ChannelReferences {

    /** More than anyone names; and what fits the stored list. */
    public static final int MAX_CHANNELS = 20;

    private final ObjectProvider<ChannelDirectory> directory;

    ChannelReferences(ObjectProvider<ChannelDirectory> directory) {
        this.directory = directory;
    }

    /** @throws InvalidFieldException naming {@code channelIds} */
    public void check(List<Long> channelIds) {
        if (channelIds.size() > MAX_CHANNELS) {
            throw new InvalidFieldException("channelIds", "name at most " + MAX_CHANNELS + " channels");
        }
        ChannelDirectory channels = this.directory.getIfAvailable();
        for (Long id : channelIds) {
            if (id == null || (channels != null && !channels.exists(id))) {
                throw new InvalidFieldException("channelIds", "there is no channel " + id);
            }
        }
    }
}
