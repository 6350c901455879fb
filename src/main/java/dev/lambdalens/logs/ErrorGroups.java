package dev.lambdalens.logs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where errors are kept: one group per function and fingerprint, each occurrence once (by log event id) with its
 * minute and version, and a few redacted, truncated samples with their request ids.
 */
@Component
class ErrorGroups {

    private final JdbcClient jdbc;

    private final LogsProperties properties;

    ErrorGroups(JdbcClient jdbc, LogsProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The errors of one minute: how many, and the request ids that timed out or ran out of memory. */
    record MinuteErrors(long count, Set<String> timeoutRequests, Set<String> outOfMemoryRequests, long peak,
            long newGroups) {

        static final MinuteErrors NONE = new MinuteErrors(0, Set.of(), Set.of(), 0, 0);
    }

    /** Stores one occurrence; false when this event was stored before (a redelivery). */
    boolean store(String account, String region, String function, LogEvent event, LogLine.Error error) {
        ErrorFingerprint fingerprint = ErrorFingerprint.of(error);
        long groupId = groupId(account, region, function, fingerprint, event.timestampMs());
        boolean known = this.jdbc.sql("select count(*) from log_error_event where group_id = ? and event_id = ?")
            .params(groupId, event.id())
            .query(Long.class)
            .single() > 0;
        if (known) {
            return false;
        }
        this.jdbc.sql("insert into log_error_event (group_id, event_id, minute_ts, version, request_id) "
                + "values (?, ?, ?, ?, ?)")
            .params(groupId, event.id(), event.minute(), ErrorFingerprint.truncate(event.version(), 32),
                    (error.requestId() != null) ? ErrorFingerprint.truncate(error.requestId(), 64) : null)
            .update();
        this.jdbc.sql("""
                update log_error_group set occurrences = occurrences + 1,
                    first_seen = least(first_seen, ?), last_seen = greatest(last_seen, ?) where id = ?""")
            .params(event.timestampMs(), event.timestampMs(), groupId)
            .update();
        int samples = this.properties.samplesPerGroup();
        if (samples > 0 && this.jdbc.sql("select count(*) from log_error_sample where group_id = ?")
            .param(groupId)
            .query(Long.class)
            .single() < samples) {
            this.jdbc.sql("insert into log_error_sample (group_id, event_id, request_id, seen_at, sample_text) "
                    + "values (?, ?, ?, ?, ?)")
                .params(groupId, event.id(), error.requestId(), event.timestampMs(), ErrorFingerprint.truncate(
                        SecretRedaction.redact(error.text()), this.properties.sampleLength()))
                .update();
        }
        return true;
    }

    private long groupId(String account, String region, String function, ErrorFingerprint fingerprint, long at) {
        Optional<Long> id = find(account, region, function, fingerprint.hash());
        if (id.isPresent()) {
            return id.get();
        }
        try {
            this.jdbc.sql("""
                    insert into log_error_group (account_id, region, function_name, fingerprint, error_type, message,
                        top_frame, first_seen, last_seen, occurrences) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(account, region, function, fingerprint.hash(), fingerprint.type(),
                        fingerprint.normalisedMessage(), fingerprint.topFrame(), at, at)
                .update();
        }
        catch (DuplicateKeyException raced) {
            // another delivery created it first
        }
        return find(account, region, function, fingerprint.hash()).orElseThrow();
    }

    private Optional<Long> find(String account, String region, String function, String fingerprint) {
        return this.jdbc.sql("select id from log_error_group where account_id = ? and region = ? "
                + "and function_name = ? and fingerprint = ?")
            .params(account, region, function, fingerprint)
            .query(Long.class)
            .optional();
    }

    /** Per minute of [first, last], one function's error count and its timed-out and killed request ids. */
    Map<Long, MinuteErrors> minutes(String account, String region, String function, long first, long last) {
        Map<Long, long[]> counts = new HashMap<>();
        Map<Long, Set<String>> timeouts = new HashMap<>();
        Map<Long, Set<String>> oom = new HashMap<>();
        Map<Long, Map<Long, Long>> perGroup = new HashMap<>();
        this.jdbc.sql("""
                select e.minute_ts, g.error_type, e.request_id, e.event_id, g.id from log_error_event e
                join log_error_group g on g.id = e.group_id
                where g.account_id = ? and g.region = ? and g.function_name = ? and e.minute_ts between ? and ?""")
            .params(account, region, function, first, last)
            .query((rs, n) -> {
                long minute = rs.getLong(1);
                String type = rs.getString(2);
                String request = (rs.getString(3) != null) ? rs.getString(3) : rs.getString(4);
                counts.computeIfAbsent(minute, (m) -> new long[1])[0]++;
                perGroup.computeIfAbsent(minute, (m) -> new HashMap<>()).merge(rs.getLong(5), 1L, Long::sum);
                if (LogLine.Error.TIMEOUT.equals(type)) {
                    timeouts.computeIfAbsent(minute, (m) -> new HashSet<>()).add(request);
                }
                if ("Runtime.OutOfMemory".equals(type)) {
                    oom.computeIfAbsent(minute, (m) -> new HashSet<>()).add(request);
                }
                return minute;
            })
            .list();
        Map<Long, long[]> firstSeen = new HashMap<>();
        this.jdbc.sql("select first_seen from log_error_group where account_id = ? and region = ? "
                + "and function_name = ? and first_seen >= ? and first_seen < ?")
            .params(account, region, function, first * 1000, (last + 60) * 1000)
            .query((rs, n) -> firstSeen.computeIfAbsent(Math.floorDiv(rs.getLong(1), 60_000) * 60,
                    (m) -> new long[1])[0]++)
            .list();
        Map<Long, MinuteErrors> result = new HashMap<>();
        counts.forEach((minute, c) -> result.put(minute, new MinuteErrors(c[0],
                timeouts.getOrDefault(minute, Set.of()), oom.getOrDefault(minute, Set.of()),
                perGroup.getOrDefault(minute, Map.of()).values().stream().mapToLong(Long::longValue).max().orElse(0),
                firstSeen.getOrDefault(minute, new long[1])[0])));
        return result;
    }

    /** The groups of one function, or of all when {@code function} is null, most recently seen first. */
    List<ErrorGroup> groups(@Nullable String account, @Nullable String region, @Nullable String function, int limit) {
        StringBuilder sql = new StringBuilder("""
                select id, account_id, region, function_name, fingerprint, error_type, message, top_frame, first_seen,
                    last_seen, occurrences from log_error_group where 1 = 1""");
        java.util.List<Object> params = new java.util.ArrayList<>();
        if (account != null) {
            sql.append(" and account_id = ?");
            params.add(account);
        }
        if (region != null) {
            sql.append(" and region = ?");
            params.add(region);
        }
        if (function != null) {
            sql.append(" and function_name = ?");
            params.add(function);
        }
        sql.append(" order by last_seen desc, id desc fetch first ").append(limit).append(" rows only");
        return this.jdbc.sql(sql.toString())
            .params(params)
            .query((rs, n) -> new ErrorGroup(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getLong(10),
                    rs.getLong(11)))
            .list();
    }

    /** Where a page of groups starts: after the group last seen at this time with this id (most recent first). */
    record Position(long lastSeen, long id) {

        static final Position START = new Position(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * Up to {@code limit} groups after {@code after}, most recently seen first, of one region where given, whose
     * function, type or message contains {@code search} (any case) where given.
     */
    List<ErrorGroup> page(@Nullable String region, @Nullable String search, Position after, int limit) {
        StringBuilder sql = new StringBuilder("""
                select id, account_id, region, function_name, fingerprint, error_type, message, top_frame, first_seen,
                    last_seen, occurrences from log_error_group
                where (last_seen < ? or (last_seen = ? and id < ?))""");
        java.util.List<Object> params = new java.util.ArrayList<>(List.of(after.lastSeen(), after.lastSeen(),
                after.id()));
        if (region != null) {
            sql.append(" and region = ?");
            params.add(region);
        }
        if (search != null) {
            String pattern = "%" + search.toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%";
            sql.append(" and (lower(function_name) like ? or lower(error_type) like ? or lower(message) like ?)");
            params.addAll(List.of(pattern, pattern, pattern));
        }
        sql.append(" order by last_seen desc, id desc fetch first ").append(limit).append(" rows only");
        return this.jdbc.sql(sql.toString())
            .params(params)
            .query((rs, n) -> new ErrorGroup(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getLong(10),
                    rs.getLong(11)))
            .list();
    }

    /** The regions that have error groups, for the page's filter. */
    List<String> regions() {
        return this.jdbc.sql("select distinct region from log_error_group order by region").query(String.class).list();
    }

    Optional<ErrorGroup> group(long id) {
        return this.jdbc.sql("""
                select id, account_id, region, function_name, fingerprint, error_type, message, top_frame, first_seen,
                    last_seen, occurrences from log_error_group where id = ?""")
            .param(id)
            .query((rs, n) -> new ErrorGroup(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getLong(10),
                    rs.getLong(11)))
            .optional();
    }

    /** Occurrences of a group per step over [from, to) (epoch seconds), only steps that had any. */
    Map<Long, Long> counts(long groupId, long from, long to, long step) {
        Map<Long, Long> counts = new java.util.TreeMap<>();
        this.jdbc.sql("select minute_ts, count(*) from log_error_event where group_id = ? and minute_ts >= ? "
                + "and minute_ts < ? group by minute_ts")
            .params(groupId, from, to)
            .query((rs, n) -> counts.merge(Math.floorDiv(rs.getLong(1), step) * step, rs.getLong(2), Long::sum))
            .list();
        return counts;
    }

    /** The versions a group occurs in, with their counts. */
    Map<String, Long> versions(long groupId) {
        Map<String, Long> versions = new java.util.LinkedHashMap<>();
        this.jdbc.sql("select version, count(*) from log_error_event where group_id = ? group by version "
                + "order by version")
            .param(groupId)
            .query((rs, n) -> versions.put(rs.getString(1), rs.getLong(2)))
            .list();
        return versions;
    }

    List<ErrorSample> samples(long groupId) {
        return this.jdbc.sql("select request_id, seen_at, sample_text from log_error_sample where group_id = ? "
                + "order by seen_at, id")
            .param(groupId)
            .query((rs, n) -> new ErrorSample(rs.getString(1), rs.getLong(2), rs.getString(3)))
            .list();
    }

    /** Occurrences of a function's errors per type over [from, to) (epoch seconds). */
    Map<String, Long> byType(String account, String region, String function, long from, long to) {
        Map<String, Long> types = new java.util.TreeMap<>();
        this.jdbc.sql("""
                select g.error_type, count(*) from log_error_event e join log_error_group g on g.id = e.group_id
                where g.account_id = ? and g.region = ? and g.function_name = ? and e.minute_ts >= ? and e.minute_ts < ?
                group by g.error_type""")
            .params(account, region, function, from, to)
            .query((rs, n) -> types.put(rs.getString(1), rs.getLong(2)))
            .list();
        return types;
    }
}
