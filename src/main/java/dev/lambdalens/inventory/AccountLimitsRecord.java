package dev.lambdalens.inventory;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * The stored account limits of one account and region, replaced at every discovery.
 */
@Entity
@Table(name = "account_limits")
class AccountLimitsRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(name = "account_id")
    private String account;

    private String region;

    private @Nullable Integer concurrencyLimit;

    private @Nullable Integer unreservedConcurrencyLimit;

    private Instant checkedAt;

    @SuppressWarnings("NullAway.Init")
    protected AccountLimitsRecord() {
        // for JPA
    }

    AccountLimitsRecord(AccountLimits limits) {
        this.account = limits.account();
        this.region = limits.region();
        update(limits);
    }

    void update(AccountLimits limits) {
        this.concurrencyLimit = limits.concurrencyLimit();
        this.unreservedConcurrencyLimit = limits.unreservedConcurrencyLimit();
        this.checkedAt = limits.checkedAt();
    }

    AccountLimits toLimits() {
        return new AccountLimits(this.account, this.region, this.concurrencyLimit, this.unreservedConcurrencyLimit,
                this.checkedAt);
    }
}
