package dev.lambdalens.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the provisioning directory: each new or changed file whole, in one transaction, or not at all (its error,
 * with file, line and field, logged and kept for the page); the objects of a removed file are removed. A file
 * refused keeps what it provisioned before, untouched.
 */
@Service
public class Provisioning {

    private static final Logger logger = LoggerFactory.getLogger(Provisioning.class);

    private final ProvisioningProperties properties;

    private final List<Provisioner> provisioners;

    private final TransactionTemplate transaction;

    private final Environment environment;

    private final Clock clock;

    /** The content each file had when it was last applied (or refused), so that only changes are applied again. */
    private final Map<String, String> seen = new HashMap<>();

    private final Map<String, FileStatus> status = new LinkedHashMap<>();

    Provisioning(ProvisioningProperties properties, List<Provisioner> provisioners, TransactionTemplate transaction,
            Environment environment, Clock clock) {
        this.properties = properties;
        this.provisioners = provisioners.stream().sorted(Comparator.comparingInt(Provisioner::order)).toList();
        this.transaction = transaction;
        this.environment = environment;
        this.clock = clock;
    }

    /** Whether a directory is configured. */
    public boolean enabled() {
        return this.properties.path() != null;
    }

    /** Applies what changed in the directory since the last call; returns how many files were applied. */
    public synchronized int sync() {
        Path directory = this.properties.path();
        if (directory == null) {
            return 0;
        }
        Map<String, String> files = read(directory);
        int applied = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (!file.getValue().equals(this.seen.get(file.getKey()))) {
                applied += apply(file.getKey(), file.getValue()) ? 1 : 0;
                this.seen.put(file.getKey(), file.getValue());
            }
        }
        Set<String> gone = new TreeSet<>();
        this.provisioners.forEach((p) -> gone.addAll(p.sources()));
        gone.addAll(this.seen.keySet());
        gone.removeAll(files.keySet());
        for (String source : gone) {
            this.transaction.executeWithoutResult((tx) -> {
                References references = new References();
                List<Provisioner> lastFirst = new ArrayList<>(this.provisioners);
                java.util.Collections.reverse(lastFirst); // what refers to others goes first
                for (Provisioner provisioner : lastFirst) {
                    provisioner.apply(source, List.of(), references);
                }
            });
            this.provisioners.forEach(Provisioner::applied);
            this.seen.remove(source);
            this.status.remove(source);
            logger.info("Provisioning: {} is gone, so are the objects it declared", source);
        }
        return applied;
    }

    private boolean apply(String source, String content) {
        Instant now = this.clock.instant();
        List<String> sections = this.provisioners.stream().map(Provisioner::section).toList();
        ProvisioningFile file;
        try {
            file = ProvisioningFile.read(source, content, sections, this.environment);
            this.transaction.executeWithoutResult((tx) -> {
                References references = new References();
                for (Provisioner provisioner : this.provisioners) {
                    List<Map<String, Object>> items = file.sections().getOrDefault(provisioner.section(), List.of());
                    try {
                        provisioner.apply(source, items, references);
                    }
                    catch (DeclarationException ex) {
                        String path = provisioner.section() + ((ex.index() >= 0) ? "[" + ex.index() + "]" : "")
                                + (ex.field().isEmpty() ? "" : "." + ex.field());
                        throw new ProvisioningException(source, file.line(path), path, String.valueOf(ex.getMessage()));
                    }
                }
            });
        }
        catch (ProvisioningException ex) {
            logger.error("Provisioning: refused {} whole, nothing of it applied: {}", source, ex.getMessage());
            this.status.put(source, new FileStatus(source, false, now, ex.line(), ex.field(), ex.getMessage()));
            return false;
        }
        this.provisioners.forEach(Provisioner::applied);
        int count = file.sections().values().stream().mapToInt(List::size).sum();
        logger.info("Provisioning: applied {} ({} objects)", source, count);
        this.status.put(source, new FileStatus(source, true, now, null, null, count + " objects"));
        return true;
    }

    private static Map<String, String> read(Path directory) {
        Map<String, String> files = new java.util.TreeMap<>();
        if (!Files.isDirectory(directory)) {
            logger.warn("Provisioning: {} is not a directory; nothing provisioned", directory);
            return files;
        }
        try (Stream<Path> list = Files.list(directory)) {
            for (Path path : list.filter(Files::isRegularFile).toList()) {
                String name = path.getFileName().toString();
                if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                    files.put(name, Files.readString(path, StandardCharsets.UTF_8));
                }
            }
        }
        catch (IOException ex) {
            // a directory that cannot be read is not a directory emptied: keep everything as it is
            throw new java.io.UncheckedIOException("Provisioning: cannot read " + directory, ex);
        }
        return files;
    }

    /** The objects each file declares now, by file then section ({@code rules: [Orders errors]}). */
    public Map<String, Map<String, List<String>>> declared() {
        Map<String, Map<String, List<String>>> declared = new java.util.TreeMap<>();
        for (Provisioner provisioner : this.provisioners) {
            for (String source : provisioner.sources()) {
                List<String> names = provisioner.declaredIn(source);
                if (!names.isEmpty()) {
                    declared.computeIfAbsent(source, (s) -> new LinkedHashMap<>()).put(provisioner.section(), names);
                }
            }
        }
        return declared;
    }

    /** Every file's last outcome, by name. */
    public synchronized List<FileStatus> status() {
        return new ArrayList<>(this.status.values());
    }

    /** Every object of every section, in the files' format: what a team commits to move from clicks to git. */
    public Map<String, Object> export() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", 1);
        References references = new References();
        for (Provisioner provisioner : this.provisioners) {
            document.put(provisioner.section(), provisioner.export(references));
        }
        return document;
    }

    /**
     * One file's last outcome.
     *
     * @param applied whether it was applied; if not, {@code line}, {@code field} and {@code message} say why
     */
    public record FileStatus(String file, boolean applied, Instant at, @Nullable Integer line, @Nullable String field,
            String message) {
    }

    private final class References implements Provisioner.References {

        @Override
        public long id(String section, String name, int index, String field) {
            return provisioner(section).flatMap((p) -> p.idOf(name))
                .orElseThrow(() -> new DeclarationException(index, field, "no " + section + " named '" + name + "'"));
        }

        @Override
        public Optional<String> name(String section, long id) {
            return provisioner(section).flatMap((p) -> p.nameOf(id));
        }

        private Optional<Provisioner> provisioner(String section) {
            return Provisioning.this.provisioners.stream().filter((p) -> p.section().equals(section)).findFirst();
        }
    }
}
