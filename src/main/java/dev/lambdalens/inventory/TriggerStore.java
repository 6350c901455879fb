package dev.lambdalens.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores event source mappings and invocation setups in their own tables (read per region by the collector every
 * cycle, so kept out of the function entity and read with one query per table).
 */
@Component
class TriggerStore {

    /** Versions kept per function: the most recent ones (a function may have published thousands). */
    static final int VERSIONS_KEPT = 25;

    private static final JsonMapper json = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    TriggerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void replaceMappings(String account, String region, List<EventSourceMapping> mappings) {
        this.jdbc.sql("delete from event_source_mapping where account_id = ? and region = ?")
            .params(account, region)
            .update();
        for (EventSourceMapping m : mappings) {
            this.jdbc.sql("""
                    insert into event_source_mapping (account_id, region, uuid, function_name, qualifier, source_arn,
                    kind, state, batch_size, batching_window_seconds, filters, on_failure_destination, metrics,
                    maximum_record_age_seconds, last_modified) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(account, region, m.uuid(), m.functionName(), m.qualifier(), m.sourceArn(), m.kind().name(),
                        m.state(), m.batchSize(), m.batchingWindowSeconds(), json.writeValueAsString(m.filters()),
                        m.onFailureDestination(), String.join(",", m.metrics()), m.maximumRecordAgeSeconds(),
                        timestamp(m.lastModified()))
                .update();
        }
    }

    void replaceSetup(String account, String region, String function, InvocationSetup setup, Instant readAt) {
        for (String table : List.of("function_invocation", "function_alias", "function_version",
                "provisioned_concurrency")) {
            this.jdbc.sql("delete from " + table + " where account_id = ? and region = ? and function_name = ?")
                .params(account, region, function)
                .update();
        }
        AsyncInvocation async = setup.asyncInvocation();
        this.jdbc.sql("""
                insert into function_invocation (account_id, region, function_name, async_configured,
                maximum_event_age_seconds, maximum_retry_attempts, on_success, on_failure, dead_letter_target,
                async_sources, read_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(account, region, function, async != null, (async != null) ? async.maximumEventAgeSeconds() : null,
                    (async != null) ? async.maximumRetryAttempts() : null, (async != null) ? async.onSuccess() : null,
                    (async != null) ? async.onFailure() : null, setup.deadLetterTarget(),
                    String.join(",", new java.util.TreeSet<>(setup.asyncSources())), readAt.atOffset(ZoneOffset.UTC))
            .update();
        for (FunctionAlias alias : setup.aliases()) {
            this.jdbc.sql("insert into function_alias (account_id, region, function_name, alias_name, version, "
                    + "additional_weights) values (?, ?, ?, ?, ?, ?)")
                .params(account, region, function, alias.name(), alias.version(),
                        json.writeValueAsString(alias.additionalVersionWeights()))
                .update();
        }
        for (PublishedVersion version : latest(setup.versions())) {
            this.jdbc.sql("insert into function_version (account_id, region, function_name, version, code_sha256, "
                    + "memory_mb, last_modified) values (?, ?, ?, ?, ?, ?, ?)")
                .params(account, region, function, version.version(), version.codeSha256(), version.memoryMb(),
                        timestamp(version.lastModified()))
                .update();
        }
        for (ProvisionedConcurrency pc : setup.provisioned()) {
            this.jdbc.sql("insert into provisioned_concurrency (account_id, region, function_name, qualifier, "
                    + "requested, allocated, status, last_modified) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(account, region, function, pc.qualifier(), pc.requested(), pc.allocated(), pc.status(),
                        timestamp(pc.lastModified()))
                .update();
        }
    }

    /** The versions of one function stored (the newest {@link #VERSIONS_KEPT} of those last listed). */
    Set<String> versionNames(String account, String region, String function) {
        return Set.copyOf(this.jdbc.sql("select version from function_version where account_id = ? and region = ? "
                + "and function_name = ?")
            .params(account, region, function)
            .query(String.class)
            .list());
    }

    java.util.Optional<String> mappingOwner(String account, String region, String uuid) {
        return this.jdbc.sql("select function_name from event_source_mapping where account_id = ? and region = ? "
                + "and uuid = ?")
            .params(account, region, uuid)
            .query(String.class)
            .optional();
    }

    /** The triggers of every function of the account and region that has any stored. */
    Map<String, FunctionTriggers> triggers(String account, String region) {
        return read(account, region, null);
    }

    FunctionTriggers triggers(String account, String region, String function) {
        return read(account, region, function).getOrDefault(function, FunctionTriggers.none(function));
    }

    private Map<String, FunctionTriggers> read(String account, String region, @Nullable String function) {
        String where = " where account_id = ? and region = ?" + ((function != null) ? " and function_name = ?" : "");
        Object[] params = (function != null) ? new Object[] { account, region, function }
                : new Object[] { account, region };
        Map<String, List<EventSourceMapping>> mappings = new HashMap<>();
        this.jdbc.sql("select * from event_source_mapping" + where + " order by function_name, uuid")
            .params(params)
            .query((rs, n) -> mapping(rs))
            .list()
            .forEach((m) -> mappings.computeIfAbsent(m.functionName(), (k) -> new ArrayList<>()).add(m));
        Map<String, Parts> parts = new HashMap<>();
        this.jdbc.sql("select * from function_invocation" + where).params(params).query((rs) -> {
            Parts p = parts.computeIfAbsent(rs.getString("function_name"), (k) -> new Parts());
            p.async = rs.getBoolean("async_configured") ? new AsyncInvocation(integer(rs, "maximum_event_age_seconds"),
                    integer(rs, "maximum_retry_attempts"), rs.getString("on_success"), rs.getString("on_failure"))
                    : null;
            p.deadLetter = rs.getString("dead_letter_target");
            String sources = rs.getString("async_sources");
            p.sources = sources.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(sources.split(",")));
        });
        this.jdbc.sql("select * from function_alias" + where + " order by alias_name").params(params).query((rs) -> {
            parts.computeIfAbsent(rs.getString("function_name"), (k) -> new Parts()).aliases
                .add(new FunctionAlias(rs.getString("alias_name"), rs.getString("version"),
                        json.readValue(rs.getString("additional_weights"), new TypeReference<Map<String, Double>>() {
                        })));
        });
        this.jdbc.sql("select * from function_version" + where).params(params).query((rs) -> {
            parts.computeIfAbsent(rs.getString("function_name"), (k) -> new Parts()).versions
                .add(new PublishedVersion(rs.getString("version"), rs.getString("code_sha256"), rs.getInt("memory_mb"),
                        instant(rs, "last_modified")));
        });
        this.jdbc.sql("select * from provisioned_concurrency" + where + " order by qualifier").params(params)
            .query((rs) -> {
                parts.computeIfAbsent(rs.getString("function_name"), (k) -> new Parts()).provisioned
                    .add(new ProvisionedConcurrency(rs.getString("qualifier"), rs.getInt("requested"),
                            rs.getInt("allocated"), rs.getString("status"), instant(rs, "last_modified")));
            });
        Map<String, FunctionTriggers> triggers = new HashMap<>();
        Set<String> names = new LinkedHashSet<>(mappings.keySet());
        names.addAll(parts.keySet());
        for (String name : names) {
            Parts p = parts.getOrDefault(name, new Parts());
            p.versions.sort(Comparator.comparing(PublishedVersion::version, TriggerStore::byVersionNumber));
            triggers.put(name, new FunctionTriggers(name, new InvocationSetup(p.async, p.deadLetter, p.sources,
                    p.aliases, p.versions, p.provisioned), mappings.getOrDefault(name, List.of())));
        }
        return triggers;
    }

    private static List<PublishedVersion> latest(List<PublishedVersion> versions) {
        return versions.stream()
            .sorted(Comparator.comparing(PublishedVersion::version, TriggerStore::byVersionNumber).reversed())
            .limit(VERSIONS_KEPT)
            .toList();
    }

    /** Versions are numbers ({@code $LATEST} first). */
    static int byVersionNumber(String a, String b) {
        return Long.compare(number(a), number(b));
    }

    private static long number(String version) {
        try {
            return Long.parseLong(version);
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    private static EventSourceMapping mapping(ResultSet rs) throws SQLException {
        String metrics = rs.getString("metrics");
        return new EventSourceMapping(rs.getString("uuid"), rs.getString("function_name"), rs.getString("qualifier"),
                rs.getString("source_arn"), EventSourceKind.valueOf(rs.getString("kind")), rs.getString("state"),
                integer(rs, "batch_size"), integer(rs, "batching_window_seconds"),
                json.readValue(rs.getString("filters"), new TypeReference<List<String>>() {
                }), rs.getString("on_failure_destination"),
                metrics.isEmpty() ? Set.of() : Set.of(metrics.split(",")), integer(rs, "maximum_record_age_seconds"),
                instant(rs, "last_modified"));
    }

    private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return (value != null) ? value.toInstant() : null;
    }

    private static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
        return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
    }

    /** The rows of one function's setup as they are read. */
    private static final class Parts {

        @Nullable AsyncInvocation async;

        @Nullable String deadLetter;

        Set<String> sources = Set.of();

        final List<FunctionAlias> aliases = new ArrayList<>();

        final List<PublishedVersion> versions = new ArrayList<>();

        final List<ProvisionedConcurrency> provisioned = new ArrayList<>();
    }
}
