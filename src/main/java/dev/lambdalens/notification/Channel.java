package dev.lambdalens.notification;

import java.time.Instant;

import dev.lambdalens.alerting.Severity;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A destination for notifications, receiving every alert of at least its minimum severity.
 */
@Entity
@Table(name = "channel")
class Channel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private String name;

    @Enumerated(EnumType.STRING)
    private ChannelType type;

    @Convert(converter = SecretConverter.class)
    private String url;

    @Convert(converter = SecretConverter.class)
    private @Nullable String secret;

    @Enumerated(EnumType.STRING)
    private Severity minimumSeverity;

    private boolean enabled;

    private Instant createdAt;

    /** Since when the channel refuses deliveries permanently (one was given up); {@code null} while it works. */
    private @Nullable Instant failingSince;

    private @Nullable String failingReason;

    /** The provisioning file that declares this channel; such a channel changes only with its file. */
    private @Nullable String provisionedFrom;

    /** The IANA zone its messages write times in, for the people reading them; UTC when none is set. */
    private @Nullable String timeZone;

    @SuppressWarnings("NullAway.Init")
    protected Channel() {
        // for JPA
    }

    Channel(String name, ChannelType type, String url, @Nullable String secret, Severity minimumSeverity,
            boolean enabled, Instant createdAt) {
        this.name = name;
        this.type = type;
        this.url = url;
        this.secret = secret;
        this.minimumSeverity = minimumSeverity;
        this.enabled = enabled;
        this.createdAt = createdAt;
    }

    /** Takes what a provisioning file declares now. */
    void redeclare(Channel declared, String file) {
        this.type = declared.type;
        this.url = declared.url;
        this.secret = declared.secret;
        this.minimumSeverity = declared.minimumSeverity;
        this.enabled = declared.enabled;
        this.timeZone = declared.timeZone;
        this.provisionedFrom = file;
    }

    /** Whether this channel already is what {@code declared} says. */
    boolean sameAs(Channel declared) {
        return this.type == declared.type && this.url.equals(declared.url)
                && java.util.Objects.equals(this.secret, declared.secret)
                && this.minimumSeverity == declared.minimumSeverity && this.enabled == declared.enabled
                && java.util.Objects.equals(this.timeZone, declared.timeZone);
    }

    @Nullable String provisionedFrom() {
        return this.provisionedFrom;
    }

    void provisionedFrom(@Nullable String file) {
        this.provisionedFrom = file;
    }

    /** Severities are ordered most urgent first: CRITICAL passes a WARNING minimum. */
    boolean wants(Severity severity) {
        return this.enabled && severity.ordinal() <= this.minimumSeverity.ordinal();
    }

    /** A delivery to this channel was given up: the Channels page shows it failing until one gets through. */
    void failing(Instant at, String reason) {
        if (this.failingSince == null) {
            this.failingSince = at;
        }
        this.failingReason = (reason.length() > 1000) ? reason.substring(0, 1000) : reason;
    }

    /** A delivery got through; returns whether the channel was failing until now. */
    boolean working() {
        boolean was = this.failingSince != null;
        this.failingSince = null;
        this.failingReason = null;
        return was;
    }

    @Nullable Instant failingSince() {
        return this.failingSince;
    }

    @Nullable String failingReason() {
        return this.failingReason;
    }

    @Nullable Long id() {
        return this.id;
    }

    String name() {
        return this.name;
    }

    ChannelType type() {
        return this.type;
    }

    String url() {
        return this.url;
    }

    @Nullable String secret() {
        return this.secret;
    }

    /** The zone its messages write times in: the one set, else UTC. */
    java.time.ZoneId zone() {
        return (this.timeZone != null) ? java.time.ZoneId.of(this.timeZone) : dev.lambdalens.ReaderZone.UTC;
    }

    @Nullable String timeZone() {
        return this.timeZone;
    }

    /** Writes the times of its messages in {@code zone} (UTC for null). */
    Channel inZone(java.time.@Nullable ZoneId zone) {
        this.timeZone = (zone != null && !zone.equals(dev.lambdalens.ReaderZone.UTC)) ? zone.getId() : null;
        return this;
    }

    Severity minimumSeverity() {
        return this.minimumSeverity;
    }

    boolean enabled() {
        return this.enabled;
    }
}
