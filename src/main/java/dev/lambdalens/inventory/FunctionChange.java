package dev.lambdalens.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One detected code or configuration change of a function: when (from the source's last-modified time where it is
 * plausible, otherwise when discovery saw it), what changed from what to what, and the version published with it.
 *
 * @param version the version published with the change, {@code null} when none was
 * @param differences what changed, in a fixed order; empty for a version published without a known difference
 */
public record FunctionChange(Instant at, @Nullable String version, List<Difference> differences) {

    public FunctionChange {
        differences = List.copyOf(differences);
    }

    /** What a change can be about. */
    public enum Setting {

        MEMORY("memory", " MB"), TIMEOUT("timeout", " s"), ARCHITECTURE("architecture", ""),
        RUNTIME("runtime", ""), CODE("code", ""), REVISION("revision", "");

        private final String label;

        private final String unit;

        Setting(String label, String unit) {
            this.label = label;
            this.unit = unit;
        }

        /** The setting in words, such as {@code memory}. */
        public String label() {
            return this.label;
        }

        String text(@Nullable String value) {
            if (value == null) {
                return (this == RUNTIME) ? "container image" : "unknown";
            }
            // hashes and revisions read by their first characters, as git's short hashes do
            return ((this == CODE || this == REVISION) && value.length() > 10) ? value.substring(0, 10) + "…"
                    : value + this.unit;
        }
    }

    /** One setting's old and new value. */
    public record Difference(Setting setting, @Nullable String before, @Nullable String after) {

        /** In words: {@code memory 256 MB → 512 MB}. */
        public String text() {
            return this.setting.label() + " " + this.setting.text(this.before) + " → " + this.setting.text(this.after);
        }
    }

    /** The difference of one setting, if it changed. */
    public Optional<Difference> of(Setting setting) {
        return this.differences.stream().filter((d) -> d.setting() == setting).findFirst();
    }

    /**
     * What changed, in words: {@code memory 256 MB → 512 MB; version 42 published}. A revision alone (an environment
     * variable, a role: what is not tracked one by one) reads as a configuration update.
     */
    public String description() {
        List<Difference> shown = this.differences.stream()
            .filter((d) -> d.setting() != Setting.REVISION || this.differences.size() == 1)
            .toList();
        String what = shown.stream()
            .map((d) -> (d.setting() == Setting.REVISION) ? "configuration updated (" + d.text() + ")" : d.text())
            .collect(Collectors.joining("; "));
        if (this.version == null) {
            return what;
        }
        return what.isEmpty() ? "version " + this.version + " published"
                : what + "; version " + this.version + " published";
    }

    /** A short label for a chart's marker: the first thing that changed, or the version. */
    public String shortLabel() {
        if (!this.differences.isEmpty() && this.differences.get(0).setting() != Setting.REVISION) {
            Difference first = this.differences.get(0);
            return first.setting().label() + " " + first.setting().text(first.after());
        }
        if (this.version != null) {
            return "v" + this.version;
        }
        return "config updated";
    }

    /** The memory before the change, when it changed memory. */
    public @Nullable Integer memoryBefore() {
        return of(Setting.MEMORY).map(Difference::before).map(Integer::valueOf).orElse(null);
    }

    /** The memory after the change, when it changed memory. */
    public @Nullable Integer memoryAfter() {
        return of(Setting.MEMORY).map(Difference::after).map(Integer::valueOf).orElse(null);
    }

    /** The architecture before the change, when it changed it. */
    public @Nullable Architecture architectureBefore() {
        return of(Setting.ARCHITECTURE).map(Difference::before).map(Architecture::fromWireName).orElse(null);
    }

    /** The architecture after the change, when it changed it. */
    public @Nullable Architecture architectureAfter() {
        return of(Setting.ARCHITECTURE).map(Difference::after).map(Architecture::fromWireName).orElse(null);
    }
}
