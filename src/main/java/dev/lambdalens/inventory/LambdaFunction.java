package dev.lambdalens.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;
import org.jspecify.annotations.Nullable;

/**
 * A Lambda function with identity across discoveries: its configuration changes, it may vanish and come back.
 */
@Entity
@Table(name = "lambda_function")
class LambdaFunction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    /** Raised by every change, its tags and configuration history included: what {@link FunctionsSnapshot} checks. */
    @Version
    private long version;

    @Column(name = "account_id")
    private String account;

    private String region;

    private String name;

    private String arn;

    private @Nullable String runtime;

    @Enumerated(EnumType.STRING)
    private Architecture architecture;

    private int memoryMb;

    private int timeoutSeconds;

    private @Nullable Integer reservedConcurrency;

    private long codeSizeBytes;

    private int layerCount;

    private long layersCodeSizeBytes;

    private @Nullable String vpcId;

    private int ephemeralStorageMb;

    private boolean lambdaInsights;

    private @Nullable String revisionId;

    private @Nullable String codeSha256;

    @Enumerated(EnumType.STRING)
    private FunctionState state;

    private Instant firstSeen;

    private Instant lastSeen;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "function_tag", joinColumns = @JoinColumn(name = "function_id"))
    @Fetch(FetchMode.SUBSELECT)
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value")
    private Map<String, String> tags = new HashMap<>();

    @ElementCollection
    @CollectionTable(name = "function_configuration", joinColumns = @JoinColumn(name = "function_id"))
    @OrderBy("validFrom")
    @Fetch(FetchMode.SUBSELECT)
    private List<ConfigurationRow> configurations = new ArrayList<>();

    @SuppressWarnings("NullAway.Init")
    protected LambdaFunction() {
        // for JPA
    }

    LambdaFunction(DiscoveredFunction discovered, Instant seenAt) {
        this.account = discovered.account();
        this.region = discovered.region();
        this.name = discovered.name();
        this.firstSeen = seenAt;
        this.configurations.add(new ConfigurationRow(Instant.EPOCH, discovered));
        update(discovered, seenAt);
    }

    void update(DiscoveredFunction discovered, Instant seenAt) {
        recordConfiguration(discovered, seenAt);
        this.arn = discovered.arn();
        this.runtime = discovered.runtime();
        this.architecture = discovered.architecture();
        this.memoryMb = discovered.memoryMb();
        this.timeoutSeconds = discovered.timeoutSeconds();
        this.reservedConcurrency = discovered.reservedConcurrency();
        this.codeSizeBytes = discovered.codeSizeBytes();
        this.layerCount = discovered.layerCount();
        this.layersCodeSizeBytes = discovered.layersCodeSizeBytes();
        this.vpcId = discovered.vpcId();
        this.ephemeralStorageMb = discovered.ephemeralStorageMb();
        this.lambdaInsights = discovered.lambdaInsights();
        if (discovered.revisionId() != null) {
            this.revisionId = discovered.revisionId();
        }
        if (discovered.codeSha256() != null) {
            this.codeSha256 = discovered.codeSha256();
        }
        this.state = FunctionState.ACTIVE;
        this.lastSeen = seenAt;
        if (!this.tags.equals(discovered.tags())) {
            this.tags.clear();
            this.tags.putAll(discovered.tags());
        }
    }

    /**
     * A change of what cost depends on starts a new period: from the source's last-modified time where it gives one
     * (and it is plausible), otherwise from this discovery.
     */
    private void recordConfiguration(DiscoveredFunction discovered, Instant seenAt) {
        ConfigurationPeriod latest = this.configurations.stream()
            .map(ConfigurationRow::toPeriod)
            .max(Comparator.comparing(ConfigurationPeriod::validFrom))
            .orElse(null);
        if (latest != null && latest.sameSettingsAs(discovered)) {
            return;
        }
        Instant changed = discovered.lastModified();
        Instant from = (changed != null && latest != null && changed.isAfter(latest.validFrom())
                && !changed.isAfter(seenAt)) ? changed : seenAt;
        if (latest == null) {
            from = Instant.EPOCH;
        }
        else if (!from.isAfter(latest.validFrom())) {
            // a clock that went backwards: keep the history in order rather than rewrite it
            from = latest.validFrom().plusSeconds(1);
        }
        this.configurations.add(new ConfigurationRow(from, discovered));
    }

    void markGone() {
        this.state = FunctionState.GONE;
    }

    String name() {
        return this.name;
    }

    FunctionState state() {
        return this.state;
    }

    FunctionSummary toSummary() {
        return new FunctionSummary(this.account, this.region, this.name, this.arn, this.runtime, this.architecture,
                this.memoryMb, this.timeoutSeconds, this.reservedConcurrency, this.codeSizeBytes, Map.copyOf(this.tags),
                this.layerCount, this.layersCodeSizeBytes, this.vpcId, this.state, this.firstSeen, this.lastSeen,
                this.ephemeralStorageMb, this.configurations.stream().map(ConfigurationRow::toPeriod).toList(),
                this.lambdaInsights, this.revisionId, this.codeSha256);
    }
}
