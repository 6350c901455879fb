package dev.lambdalens.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.AlertBoard;
import dev.lambdalens.alerting.AlertSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Posts every alert still firing to each Alertmanager channel that hears it, every resend interval, as Prometheus
 * re-sends its alerts: Alertmanager resolves an alert whose {@code endsAt} passes, so a firing alert must be
 * posted again before its hold runs out. Silenced alerts are left out (LambdaLens told nobody of them). A failed
 * re-post is only logged: the next one comes within the interval, and the delivery log keeps the notifications.
 */
@Component
class AlertmanagerResend {

    private static final Logger logger = LoggerFactory.getLogger(AlertmanagerResend.class);

    private final AlertBoard board;

    private final ChannelRepository channels;

    private final WebhookSender sender;

    private final AlertmanagerProperties properties;

    private final NotificationLinks links;

    private final JsonMapper json;

    private final Clock clock;

    AlertmanagerResend(AlertBoard board, ChannelRepository channels, WebhookSender sender,
            AlertmanagerProperties properties, NotificationLinks links, JsonMapper json, Clock clock) {
        this.links = links;
        this.board = board;
        this.channels = channels;
        this.sender = sender;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Re-post the firing alerts; returns how many alerts were posted, over all channels. */
    int resend() {
        List<Channel> alertmanagers = this.channels.findAll()
            .stream()
            .filter((channel) -> channel.type() == ChannelType.ALERTMANAGER)
            .toList();
        if (alertmanagers.isEmpty()) {
            return 0;
        }
        List<AlertSummary> firing = this.board.firing().stream().filter((alert) -> !alert.silenced()).toList();
        Instant now = this.clock.instant();
        int posted = 0;
        for (Channel channel : alertmanagers) {
            List<Map<String, Object>> body = new ArrayList<>();
            for (AlertSummary alert : firing) {
                boolean named = alert.channelIds().isEmpty() || alert.channelIds().contains(channel.id());
                if (named && channel.wants(alert.severity())) {
                    body.add(AlertmanagerFormat.alert(
                            AlertmanagerFormat.labels(alert.ruleName(), alert.ruleId(), alert.severity().name(),
                                    alert.account(), alert.region(), alert.function(), alert.qualifier()),
                            Map.of("summary", alert.ruleName() + ": still firing", "description",
                                    String.valueOf(alert.reason())),
                            alert.stateSince(), now.plus(this.properties.hold()), this.links.alert(alert.id())));
                }
            }
            if (body.isEmpty()) {
                continue;
            }
            try {
                int status = this.sender.send(AlertmanagerFormat.endpoint(channel.url()), null,
                        "lambdalens-alertmanager-" + channel.id() + "-" + now.getEpochSecond(),
                        this.json.writeValueAsString(body));
                if (status / 100 == 2) {
                    posted += body.size();
                }
                else {
                    logger.warn("Alertmanager channel {} answered HTTP {} to the re-post of {} firing alerts",
                            channel.name(), status, body.size());
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return posted;
            }
            catch (Exception ex) {
                logger.warn("Could not re-post {} firing alerts to Alertmanager channel {}: {}", body.size(),
                        channel.name(), ex.toString());
            }
        }
        return posted;
    }
}
