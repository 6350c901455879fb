package dev.lambdalens.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.ChannelDirectory;
import dev.lambdalens.alerting.Severity;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, tests and deletes channels, with the checks that make a channel usable; shared by the API and the page.
 */
@Service
class ChannelCatalog implements ChannelDirectory {

    private final ChannelRepository channels;

    private final ChannelSender sender;

    private final EmailSender email;

    private final Clock clock;

    private final org.springframework.context.ApplicationEventPublisher events;

    ChannelCatalog(ChannelRepository channels, ChannelSender sender, EmailSender email, Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.channels = channels;
        this.sender = sender;
        this.email = email;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean exists(long channelId) {
        return this.channels.existsById(channelId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Listed> listed() {
        return this.channels.findAll()
            .stream()
            .sorted(java.util.Comparator.comparing(Channel::name, String.CASE_INSENSITIVE_ORDER))
            .map((c) -> new Listed(java.util.Objects.requireNonNull(c.id()), c.name(), c.type().words(),
                    c.minimumSeverity(), c.enabled()))
            .toList();
    }

    @Transactional(readOnly = true)
    List<Channel> channels() {
        return this.channels.findAll();
    }

    /** @throws ChannelException naming the field when the channel could not work */
    @Transactional
    Channel create(ChannelRequest request) {
        Channel channel = this.channels.save(build(request));
        this.events.publishEvent(dev.lambdalens.AuditableChange.created("channel", String.valueOf(channel.id()),
                ChannelsApiController.ChannelResponse.of(channel)));
        return channel;
    }

    /** The channel {@code request} asks for, not stored yet; @throws ChannelException naming the field */
    Channel build(ChannelRequest request) {
        ChannelType type = (request.type() != null) ? request.type() : ChannelType.WEBHOOK;
        String url = request.url().trim();
        if ((type == ChannelType.EMAIL) != url.startsWith("mailto:")) {
            throw new ChannelException("url", (type == ChannelType.EMAIL)
                    ? "an email channel's url is mailto:address[,address...]" : "a " + type + " channel's url is not a mailto: address");
        }
        if ((type == ChannelType.SNS) != SnsSender.TOPIC_ARN.matcher(url).matches()
                && (type == ChannelType.SNS || url.startsWith("arn:"))) {
            throw new ChannelException("url", "an SNS channel's url is a topic ARN such as arn:aws:sns:us-east-1:123456789012:oncall");
        }
        if (type != ChannelType.EMAIL && type != ChannelType.SNS) {
            checkHttpUrl(url);
        }
        if (type == ChannelType.EMAIL && !this.email.configured()) {
            throw new ChannelException("type", "email channels need an SMTP server: set spring.mail.host");
        }
        boolean hasSecret = request.secret() != null && !request.secret().isBlank();
        if (type == ChannelType.PAGERDUTY && !hasSecret) {
            throw new ChannelException("secret", "a PagerDuty channel needs its integration's routing key as secret");
        }
        return new Channel(request.name(), type, url, hasSecret ? request.secret() : null,
                (request.minimumSeverity() != null) ? request.minimumSeverity() : Severity.WARNING,
                request.enabled() == null || request.enabled(), this.clock.instant())
            .inZone(zone(request.timeZone()));
    }

    /**
     * The zones a channel's messages can write times in: UTC and every region id java.time knows (not the fixed
     * offsets under Etc/ nor the SystemV ones), sorted. The form offers them and {@link #build} accepts only them.
     */
    static final java.util.List<String> TIME_ZONES = java.util.stream.Stream
        .concat(java.util.stream.Stream.of("UTC"), java.time.ZoneId.getAvailableZoneIds()
            .stream()
            .filter((z) -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
            .sorted())
        .toList();

    /** The zone a channel's messages write times in: an IANA id such as Europe/Berlin, none for UTC. */
    private static java.time.@org.jspecify.annotations.Nullable ZoneId zone(
            @org.jspecify.annotations.Nullable String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return null;
        }
        String given = timeZone.trim();
        // region ids only: an offset such as +02:00 or Etc/GMT-2 does not follow summer time, which readers expect
        if (!TIME_ZONES.contains(given)) {
            throw new ChannelException("timeZone",
                    "must be a time zone such as Europe/Berlin or America/New_York, not " + given);
        }
        return java.time.ZoneId.of(given);
    }

    /** What cannot be sent is refused now, rather than stored and failing, with its URL, in the delivery log. */
    private static void checkHttpUrl(String url) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        }
        catch (java.net.URISyntaxException ex) {
            throw new ChannelException("url", "is not a valid URL: a character at position " + (ex.getIndex() + 1)
                    + " must be percent-encoded");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new ChannelException("url", "must be an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ChannelException("url", "must name a host, such as https://hooks.example.com/...");
        }
    }

    @Transactional
    boolean delete(long id) {
        return this.channels.findById(id).map((channel) -> {
            if (channel.provisionedFrom() != null) {
                throw new org.springframework.web.ErrorResponseException(org.springframework.http.HttpStatus.CONFLICT,
                        org.springframework.http.ProblemDetail.forStatusAndDetail(
                                org.springframework.http.HttpStatus.CONFLICT, "Channel " + id + " is provisioned from "
                                        + channel.provisionedFrom() + ": change or remove it there"), null);
            }
            this.channels.delete(channel);
            this.events.publishEvent(dev.lambdalens.AuditableChange.deleted("channel", String.valueOf(id),
                    ChannelsApiController.ChannelResponse.of(channel)));
            return true;
        }).orElse(false);
    }

    /** Sends one test notification now, outside the outbox, and says how the channel answered. */
    Map<String, Object> test(Channel channel) {
        Instant now = this.clock.instant();
        String key = "lambdalens-test-" + now.toEpochMilli();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", key);
        body.put("status", "test");
        body.put("rule", "Test notification from LambdaLens");
        body.put("at", now.toString());
        body.put("severity", "INFO");
        body.put("count", 0);
        body.put("alerts", List.of());
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            int status = this.sender.send(channel, key, body);
            result.put("delivered", status >= 200 && status < 300);
            result.put("httpStatus", status);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            result.put("delivered", false);
            result.put("error", "interrupted");
        }
        catch (Exception ex) {
            result.put("delivered", false);
            result.put("error", SendFailures.describe(ex));
        }
        return result;
    }
}
