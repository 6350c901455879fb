package dev.lambdalens.notification;

/**
 * The kinds of channel LambdaLens can deliver to; each has its own {@link NotificationFormat}.
 */
public enum ChannelType {
    /** A generic JSON webhook, signed with HMAC-SHA256 when the channel has a secret. */
    WEBHOOK,
    /** A Slack incoming webhook (Block Kit message). */
    SLACK,
    /** A Microsoft Teams incoming webhook (Adaptive Card). */
    TEAMS,
    /** PagerDuty Events API v2; the channel's secret is the integration's routing key. */
    PAGERDUTY,
    /** Email over SMTP ({@code spring.mail.*}); the channel's url is {@code mailto:} one or more addresses. */
    EMAIL,
    /** An Amazon SNS topic; the channel's url is the topic ARN, called with the default AWS credentials. */
    SNS,
    /**
     * A Prometheus Alertmanager; the channel's url is its base URL, alerts are posted to {@code /api/v2/alerts} and
     * re-posted while they fire, so that Alertmanager's routing, inhibition and receivers take over.
     */
    ALERTMANAGER;

    /** The kind in words, as the forms name it. */
    public String words() {
        return switch (this) {
            case WEBHOOK -> "webhook";
            case SLACK -> "Slack";
            case TEAMS -> "Microsoft Teams";
            case PAGERDUTY -> "PagerDuty";
            case EMAIL -> "email";
            case SNS -> "Amazon SNS";
            case ALERTMANAGER -> "Alertmanager";
        };
    }
}
