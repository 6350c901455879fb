package dev.lambdalens.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** Read only for the function page and when a change is detected: never for every function at once. */
    @ElementCollection
    @CollectionTable(name = "function_change", joinColumns = @JoinColumn(name = "function_id"))
    @OrderBy("changedAt")
    private List<ChangeRow> changes = new ArrayList<>();

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
        apply(discovered, seenAt);
        // nothing to compare $LATEST with yet; its published versions still tell what changed before
        this.changes.addAll(published(discovered, Set.of(), seenAt));
    }

    /**
     * Applies a discovery of the function, recording what changed since the last one.
     * @param knownVersions the versions stored before this discovery (ignored when it did not read the versions)
     */
    void update(DiscoveredFunction discovered, Instant seenAt, Set<String> knownVersions) {
        Instant periodFrom = recordConfiguration(discovered, seenAt);
        recordChanges(discovered, seenAt, periodFrom, knownVersions);
        apply(discovered, seenAt);
    }

    private void apply(DiscoveredFunction discovered, Instant seenAt) {
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
     * @return when the new period starts, {@code null} when nothing cost depends on changed
     */
    private @Nullable Instant recordConfiguration(DiscoveredFunction discovered, Instant seenAt) {
        ConfigurationPeriod latest = this.configurations.stream()
            .map(ConfigurationRow::toPeriod)
            .max(Comparator.comparing(ConfigurationPeriod::validFrom))
            .orElse(null);
        if (latest != null && latest.sameSettingsAs(discovered)) {
            return null;
        }
        Instant from = (latest == null) ? Instant.EPOCH
                : changedAt(discovered.lastModified(), latest.validFrom(), seenAt);
        this.configurations.add(new ConfigurationRow(from, discovered));
        return from;
    }

    /**
     * When a change seen at {@code seenAt} happened: the source's last-modified time if it is plausible (after the
     * change before, not in the future), otherwise the discovery's time; always after the change before, so that a
     * clock that went backwards keeps the history in order rather than rewrites it.
     */
    private static Instant changedAt(@Nullable Instant lastModified, Instant previous, Instant seenAt) {
        Instant at = (lastModified != null && lastModified.isAfter(previous) && !lastModified.isAfter(seenAt))
                ? lastModified : seenAt;
        return at.isAfter(previous) ? at : previous.plusSeconds(1);
    }

    /**
     * One row for a change of $LATEST (at the time its configuration period starts where cost depends on it, so
     * that markers and bills agree), merged with the version published with it, and one per other version published.
     */
    private void recordChanges(DiscoveredFunction discovered, Instant seenAt, @Nullable Instant periodFrom,
            Set<String> knownVersions) {
        ChangeRow.Settings before = new ChangeRow.Settings(this.memoryMb, this.timeoutSeconds, this.architecture,
                this.runtime, this.codeSha256, this.revisionId);
        List<ChangeRow> published = new ArrayList<>(published(discovered, knownVersions, seenAt));
        if (before.differFrom(discovered)) {
            Instant previous = this.changes.stream().map(ChangeRow::changedAt).max(Comparator.naturalOrder())
                .orElse(Instant.EPOCH);
            Instant at = (periodFrom != null) ? periodFrom : changedAt(discovered.lastModified(), previous, seenAt);
            ChangeRow latest = ChangeRow.between(before, discovered, at);
            InvocationSetup setup = discovered.setup();
            if (!published.isEmpty() && setup != null) {
                String newest = published.get(published.size() - 1).version();
                setup.versions().stream()
                    .filter((v) -> v.version().equals(newest) && ChangeRow.holds(v, discovered))
                    .findFirst()
                    .ifPresent((v) -> {
                        latest.publishedIn(v.version());
                        published.remove(published.size() - 1);
                    });
            }
            this.changes.add(latest);
        }
        else if (!published.isEmpty()) {
            publishLastChange(discovered, published);
        }
        this.changes.addAll(published);
    }

    /**
     * A version published after the discovery that saw its change of $LATEST (update-function-code, then
     * publish-version a minute later): the change gets the version rather than a second row for one deployment, so
     * that the charts mark it once and the comparison measures it. Only a version published within the hour after
     * the change: one published later is a deployment of its own.
     */
    static final java.time.Duration PUBLISHED_WITH_CHANGE = java.time.Duration.ofHours(1);

    private void publishLastChange(DiscoveredFunction discovered, List<ChangeRow> published) {
        InvocationSetup setup = discovered.setup();
        ChangeRow last = this.changes.stream().max(Comparator.comparing(ChangeRow::changedAt)).orElse(null);
        if (setup == null || last == null || last.version() != null) {
            return;
        }
        String newest = published.get(published.size() - 1).version();
        setup.versions()
            .stream()
            .filter((v) -> v.version().equals(newest) && ChangeRow.holds(v, discovered) && v.lastModified() != null
                    && !v.lastModified().isBefore(last.changedAt())
                    && v.lastModified().isBefore(last.changedAt().plus(PUBLISHED_WITH_CHANGE)))
            .findFirst()
            .ifPresent((v) -> {
                last.publishedIn(v.version());
                published.remove(published.size() - 1);
            });
    }

    private static List<ChangeRow> published(DiscoveredFunction discovered, Set<String> knownVersions,
            Instant seenAt) {
        InvocationSetup setup = discovered.setup();
        return (setup != null)
                ? ChangeRow.published(setup.versions(), knownVersions, seenAt, TriggerStore.VERSIONS_KEPT) : List.of();
    }

    /** Every change detected, oldest first. */
    List<FunctionChange> changes() {
        return this.changes.stream().map(ChangeRow::toChange).sorted(Comparator.comparing(FunctionChange::at))
            .toList();
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
