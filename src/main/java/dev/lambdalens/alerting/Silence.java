package dev.lambdalens.alerting;

import java.time.Instant;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A window in which matching alerts notify nobody. Every matcher left empty matches anything.
 */
@Entity
@Table(name = "silence")
class Silence {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private @Nullable Long ruleId;

    @Column(name = "account_id")
    private @Nullable String account;

    private @Nullable String region;

    private @Nullable String functionPattern;

    private Instant startsAt;

    private Instant endsAt;

    private String createdBy;

    private String comment;

    private Instant createdAt;

    /** The provisioning file that declares it, or {@code null} for one made by hand. */
    private @Nullable String provisionedFrom;

    @SuppressWarnings("NullAway.Init")
    protected Silence() {
        // for JPA
    }

    Silence(@Nullable Long ruleId, @Nullable String account, @Nullable String region,
            @Nullable String functionPattern, Instant startsAt, Instant endsAt, String createdBy, String comment,
            Instant createdAt) {
        this.ruleId = ruleId;
        this.account = account;
        this.region = region;
        this.functionPattern = functionPattern;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.createdBy = createdBy;
        this.comment = comment;
        this.createdAt = createdAt;
    }

    /**
     * Whether it silences the rule's alert on the target then: a function pattern matches the target's function or
     * the target itself, so a silence on a function silences the alerts of its aliases, versions and mappings, and
     * one on {@code name:qualifier} only that one.
     */
    boolean silences(long rule, AlertTarget target, Instant at) {
        if (at.isBefore(this.startsAt) || !at.isBefore(this.endsAt)) {
            return false;
        }
        Pattern pattern = (this.functionPattern != null) ? SignalReader.glob(this.functionPattern) : null;
        return (this.ruleId == null || this.ruleId == rule) && (this.account == null || this.account.equals(target.account()))
                && (this.region == null || this.region.equals(target.region()))
                && (pattern == null || pattern.matcher(target.function()).matches()
                        || pattern.matcher(target.functionName()).matches());
    }

    /** End the silence now, if it has not ended already. */
    void expire(Instant now) {
        if (now.isBefore(this.endsAt)) {
            this.endsAt = now.isBefore(this.startsAt) ? this.startsAt : now;
        }
    }

    @Nullable Long id() {
        return this.id;
    }

    @Nullable Long ruleId() {
        return this.ruleId;
    }

    @Nullable String account() {
        return this.account;
    }

    @Nullable String region() {
        return this.region;
    }

    @Nullable String functionPattern() {
        return this.functionPattern;
    }

    Instant startsAt() {
        return this.startsAt;
    }

    Instant endsAt() {
        return this.endsAt;
    }

    String createdBy() {
        return this.createdBy;
    }

    String comment() {
        return this.comment;
    }

    @Nullable String provisionedFrom() {
        return this.provisionedFrom;
    }

    void provisionedFrom(@Nullable String source) {
        this.provisionedFrom = source;
    }

    /** Whether it has ended by {@code now}: a silence that ended stays only as history. */
    boolean ended(Instant now) {
        return !now.isBefore(this.endsAt);
    }

    /** @throws ManagedRuleException when a provisioning file declares it: it is changed there */
    void checkEditable() {
        if (this.provisionedFrom != null) {
            throw new ManagedRuleException("Silence " + this.id + " is provisioned from " + this.provisionedFrom
                    + ": change or remove it there");
        }
    }
}
