package dev.lambdalens.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

import dev.lambdalens.inventory.FunctionChange.Difference;
import dev.lambdalens.inventory.FunctionChange.Setting;

/**
 * One stored row of a function's change history: a before/after pair per setting, both null where it did not change.
 */
@Embeddable
class ChangeRow {

    private Instant changedAt;

    private @Nullable String version;

    private @Nullable Integer memoryBefore;

    private @Nullable Integer memoryAfter;

    private @Nullable Integer timeoutBefore;

    private @Nullable Integer timeoutAfter;

    private @Nullable String architectureBefore;

    private @Nullable String architectureAfter;

    private @Nullable String runtimeBefore;

    private @Nullable String runtimeAfter;

    @Column(name = "code_sha256_before")
    private @Nullable String codeSha256Before;

    @Column(name = "code_sha256_after")
    private @Nullable String codeSha256After;

    private @Nullable String revisionBefore;

    private @Nullable String revisionAfter;

    @SuppressWarnings("NullAway.Init")
    protected ChangeRow() {
        // for JPA
    }

    private ChangeRow(Instant changedAt, @Nullable String version) {
        this.changedAt = changedAt;
        this.version = version;
    }

    /** What a function was as last discovered: what the next discovery is compared with. */
    record Settings(int memoryMb, int timeoutSeconds, Architecture architecture, @Nullable String runtime,
            @Nullable String codeSha256, @Nullable String revisionId) {

        /**
         * Whether the function discovered differs. A hash or revision the source did not report is unknown, not
         * changed; tags, layers and the rest are not tracked as changes (the revision covers them).
         */
        boolean differFrom(DiscoveredFunction now) {
            return this.memoryMb != now.memoryMb() || this.timeoutSeconds != now.timeoutSeconds()
                    || this.architecture != now.architecture() || !Objects.equals(this.runtime, now.runtime())
                    || known(this.codeSha256, now.codeSha256()) || known(this.revisionId, now.revisionId());
        }

        private static boolean known(@Nullable String before, @Nullable String after) {
            return before != null && after != null && !before.equals(after);
        }
    }

    /** The change from {@code before} to the function discovered, at {@code at}; call only when they differ. */
    static ChangeRow between(Settings before, DiscoveredFunction now, Instant at) {
        ChangeRow row = new ChangeRow(at, null);
        if (before.memoryMb() != now.memoryMb()) {
            row.memoryBefore = before.memoryMb();
            row.memoryAfter = now.memoryMb();
        }
        if (before.timeoutSeconds() != now.timeoutSeconds()) {
            row.timeoutBefore = before.timeoutSeconds();
            row.timeoutAfter = now.timeoutSeconds();
        }
        if (before.architecture() != now.architecture()) {
            row.architectureBefore = before.architecture().wireName();
            row.architectureAfter = now.architecture().wireName();
        }
        if (!Objects.equals(before.runtime(), now.runtime())) {
            row.runtimeBefore = before.runtime();
            row.runtimeAfter = now.runtime();
        }
        if (Settings.known(before.codeSha256(), now.codeSha256())) {
            row.codeSha256Before = before.codeSha256();
            row.codeSha256After = now.codeSha256();
        }
        if (Settings.known(before.revisionId(), now.revisionId())) {
            row.revisionBefore = before.revisionId();
            row.revisionAfter = now.revisionId();
        }
        return row;
    }

    /**
     * A row per version published that was not known yet (the newest {@code kept} of them), each with what changed
     * since the version before it where that one is listed: the history discovery can tell even of the time before it
     * first saw the function. When: the version's last-modified time, unless it is later than discovery.
     */
    static List<ChangeRow> published(List<PublishedVersion> listed, Set<String> known, Instant seenAt, int kept) {
        List<PublishedVersion> versions = listed.stream()
            .filter((v) -> !"$LATEST".equals(v.version()))
            .sorted(Comparator.comparing(PublishedVersion::version, TriggerStore::byVersionNumber))
            .toList();
        long highestKnown = known.stream().mapToLong(ChangeRow::number).max().orElse(-1);
        List<ChangeRow> rows = new ArrayList<>();
        for (int i = Math.max(0, versions.size() - kept); i < versions.size(); i++) {
            PublishedVersion version = versions.get(i);
            // versions beyond the kept ones are listed again but not stored: only those above the known are new
            if (known.contains(version.version()) || number(version.version()) <= highestKnown) {
                continue;
            }
            Instant published = version.lastModified();
            ChangeRow row = new ChangeRow((published != null && !published.isAfter(seenAt)) ? published : seenAt,
                    version.version());
            row.memoryAfter = version.memoryMb();
            row.codeSha256After = version.codeSha256();
            PublishedVersion previous = (i > 0) ? versions.get(i - 1) : null;
            if (previous != null && previous.memoryMb() != version.memoryMb()) {
                row.memoryBefore = previous.memoryMb();
            }
            else {
                row.memoryAfter = null;
            }
            if (previous == null || !Settings.known(previous.codeSha256(), version.codeSha256())) {
                row.codeSha256After = null;
            }
            else {
                row.codeSha256Before = previous.codeSha256();
            }
            rows.add(row);
        }
        return rows;
    }

    /** Whether a version holds the function as discovered now: then it was published with this change. */
    static boolean holds(PublishedVersion version, DiscoveredFunction now) {
        return version.memoryMb() == now.memoryMb()
                && (version.codeSha256() == null || now.codeSha256() == null
                        || version.codeSha256().equals(now.codeSha256()));
    }

    void publishedIn(String publishedVersion) {
        this.version = publishedVersion;
    }

    @Nullable String version() {
        return this.version;
    }

    Instant changedAt() {
        return this.changedAt;
    }

    FunctionChange toChange() {
        List<Difference> differences = new ArrayList<>();
        add(differences, Setting.MEMORY, text(this.memoryBefore), text(this.memoryAfter));
        add(differences, Setting.TIMEOUT, text(this.timeoutBefore), text(this.timeoutAfter));
        add(differences, Setting.ARCHITECTURE, this.architectureBefore, this.architectureAfter);
        add(differences, Setting.RUNTIME, this.runtimeBefore, this.runtimeAfter);
        add(differences, Setting.CODE, this.codeSha256Before, this.codeSha256After);
        add(differences, Setting.REVISION, this.revisionBefore, this.revisionAfter);
        return new FunctionChange(this.changedAt, this.version, differences);
    }

    private static void add(List<Difference> differences, Setting setting, @Nullable String before,
            @Nullable String after) {
        if (!Objects.equals(before, after)) {
            differences.add(new Difference(setting, before, after));
        }
    }

    private static @Nullable String text(@Nullable Integer value) {
        return (value != null) ? value.toString() : null;
    }

    private static long number(String version) {
        try {
            return Long.parseLong(version);
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }
}
