package dev.lambdalens.alerting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.Paging;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The alerts page's list: filtered, searched and sorted in the database, a page at a time with a keyset (the next page
 * starts after the sort key of the last row shown, so alerts changing meanwhile never shift a page). The default
 * order puts firing alerts first, grouped by rule (most severe rule first), then the other states the same way.
 */
@Component
class AlertList {

    /** The state's rank: ALARM first, then INSUFFICIENT_DATA, then OK. */
    private static final String STATE_RANK = "case a.state when 'ALARM' then 0 when 'INSUFFICIENT_DATA' then 1 else 2 end";

    /** The severity's rank: CRITICAL first. */
    private static final String SEVERITY_RANK = "case r.severity when 'CRITICAL' then 0 when 'WARNING' then 1 else 2 end";

    private final JdbcClient jdbc;

    private final AlertRepository alerts;

    private final AlertRuleRepository rules;

    private final SilenceRepository silences;

    AlertList(JdbcClient jdbc, AlertRepository alerts, AlertRuleRepository rules, SilenceRepository silences) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.rules = rules;
        this.silences = silences;
    }

    /** One page of alerts, and the cursor of the next page when there is one. */
    @Transactional(readOnly = true)
    Page page(Filter filter, Sort sort, boolean descending, @Nullable String cursor, int limit, Instant now) {
        List<Key> keys = sort.keys(descending);
        Where where = filter.where();
        StringBuilder sql = new StringBuilder("select a.id");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(", ").append(keys.get(i).expression()).append(" as k").append(i);
        }
        sql.append(" from alert a join alert_rule r on r.id = a.rule_id where ").append(where.sql());
        Map<String, Object> params = new HashMap<>(where.params());
        if (cursor != null && !cursor.isBlank()) {
            List<String> values = Paging.keyOf(cursor, keys.size());
            sql.append(" and (").append(after(keys, values, params)).append(')');
        }
        sql.append(" order by ")
            .append(keys.stream().map((k) -> k.expression() + (k.descending() ? " desc" : " asc"))
                .collect(Collectors.joining(", ")))
            .append(" limit :limit");
        params.put("limit", limit + 1);
        List<Object[]> rows = this.jdbc.sql(sql.toString()).params(params).query((rs, n) -> row(rs, keys)).list();
        List<Object[]> shown = rows.subList(0, Math.min(limit, rows.size()));
        List<Long> ids = shown.stream().map((r) -> (Long) r[0]).toList();
        Map<Long, Alert> byId = this.alerts.findAllById(ids)
            .stream()
            .collect(Collectors.toMap(Alert::id, Function.identity()));
        Map<Long, AlertRule> rulesById = this.rules.findAllById(byId.values().stream().map(Alert::ruleId).distinct()
            .toList()).stream().collect(Collectors.toMap(AlertRule::id, Function.identity()));
        Silences.InForce inForce = new Silences.InForce(this.silences.findByEndsAtAfterOrderByEndsAtAsc(now), now);
        List<AlertSummary> items = new ArrayList<>();
        for (Long id : ids) {
            Alert alert = byId.get(id);
            if (alert != null) {
                items.add(AlertBoard.summary(alert, rulesById.get(alert.ruleId()),
                        inForce.silencing(alert.ruleId(), alert.target()).isPresent()));
            }
        }
        String next = null;
        if (rows.size() > limit) {
            Object[] last = shown.get(shown.size() - 1);
            Object[] key = new Object[keys.size()];
            for (int i = 0; i < keys.size(); i++) {
                key[i] = keys.get(i).type().write(last[i + 1]);
            }
            next = Paging.cursorOf(key);
        }
        return new Page(items, next);
    }

    /**
     * How many alerts match the filter (all but its state) per state and rule: the page's counts of firing alerts and
     * each rule group's size.
     */
    @Transactional(readOnly = true)
    Counts counts(Filter filter) {
        Where where = filter.withState(null).where();
        Map<AlarmState, Long> perState = new LinkedHashMap<>();
        for (AlarmState state : List.of(AlarmState.ALARM, AlarmState.INSUFFICIENT_DATA, AlarmState.OK)) {
            perState.put(state, 0L);
        }
        Map<String, Long> perGroup = new HashMap<>();
        this.jdbc.sql("select a.state, a.rule_id, count(*) as n from alert a join alert_rule r on r.id = a.rule_id where "
                + where.sql() + " group by a.state, a.rule_id")
            .params(where.params())
            .query((rs) -> {
                AlarmState state = AlarmState.valueOf(rs.getString(1));
                long n = rs.getLong(3);
                perState.merge(state, n, Long::sum);
                perGroup.put(state + "/" + rs.getLong(2), n);
            });
        return new Counts(perState, perGroup);
    }

    /** The regions alerts are in, for the region filter's choices. */
    @Transactional(readOnly = true)
    List<String> regions() {
        return this.jdbc.sql("select distinct region from alert order by region").query(String.class).list();
    }

    private static Object[] row(ResultSet rs, List<Key> keys) throws SQLException {
        Object[] row = new Object[keys.size() + 1];
        row[0] = rs.getLong(1);
        for (int i = 0; i < keys.size(); i++) {
            row[i + 1] = keys.get(i).type().read(rs, i + 2);
        }
        return row;
    }

    /** The keyset condition: after (k0, k1, ...) in the sort's order, each key compared in its own direction. */
    private static String after(List<Key> keys, List<String> values, Map<String, Object> params) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            List<String> term = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                term.add(keys.get(j).expression() + " = :c" + j);
            }
            Key key = keys.get(i);
            term.add(key.expression() + (key.descending() ? " < " : " > ") + ":c" + i);
            terms.add("(" + String.join(" and ", term) + ")");
        }
        for (int i = 0; i < keys.size(); i++) {
            params.put("c" + i, keys.get(i).type().parse(values.get(i)));
        }
        return String.join(" or ", terms);
    }

    /** A key's SQL type, as read from a row, written into a cursor and parsed back from one. */
    enum KeyType {
        NUMBER, TEXT, TIME;

        @Nullable Object read(ResultSet rs, int column) throws SQLException {
            return switch (this) {
                case NUMBER -> rs.getLong(column);
                case TEXT -> rs.getString(column);
                case TIME -> rs.getObject(column, OffsetDateTime.class);
            };
        }

        String write(@Nullable Object value) {
            return (this == TIME && value != null) ? ((OffsetDateTime) value).toInstant().toString()
                    : String.valueOf(value);
        }

        Object parse(String value) {
            return switch (this) {
                case NUMBER -> Paging.number(value);
                case TEXT -> value;
                case TIME -> {
                    try {
                        yield Instant.parse(value).atOffset(ZoneOffset.UTC);
                    }
                    catch (java.time.format.DateTimeParseException ex) {
                        throw new InvalidFieldException("cursor",
                                "cursor is not one this list gave out: start again without it");
                    }
                }
            };
        }
    }

    /** One column of the sort, in its direction. */
    record Key(String expression, KeyType type, boolean descending) {

        Key reversed() {
            return new Key(this.expression, this.type, !this.descending);
        }
    }

    /** The orders the page offers, each made total by the alert's id. */
    enum Sort {
        /** Firing first, grouped by rule, most severe rule first; the order of the default page. */
        STATE(List.of(new Key(STATE_RANK, KeyType.NUMBER, false), new Key(SEVERITY_RANK, KeyType.NUMBER, false),
                new Key("r.name", KeyType.TEXT, false), new Key("a.rule_id", KeyType.NUMBER, false),
                new Key("a.function_name", KeyType.TEXT, false), new Key("a.id", KeyType.NUMBER, false))),
        SEVERITY(List.of(new Key(SEVERITY_RANK, KeyType.NUMBER, false), new Key(STATE_RANK, KeyType.NUMBER, false),
                new Key("r.name", KeyType.TEXT, false), new Key("a.rule_id", KeyType.NUMBER, false),
                new Key("a.id", KeyType.NUMBER, false))),
        RULE(List.of(new Key("r.name", KeyType.TEXT, false), new Key("a.rule_id", KeyType.NUMBER, false),
                new Key(STATE_RANK, KeyType.NUMBER, false), new Key("a.function_name", KeyType.TEXT, false),
                new Key("a.id", KeyType.NUMBER, false))),
        TARGET(List.of(new Key("a.function_name", KeyType.TEXT, false), new Key("a.region", KeyType.TEXT, false),
                new Key("a.account_id", KeyType.TEXT, false), new Key("a.id", KeyType.NUMBER, false))),
        /** Most recent change of state first. */
        SINCE(List.of(new Key("a.state_since", KeyType.TIME, true), new Key("a.id", KeyType.NUMBER, true)));

        private final List<Key> keys;

        Sort(List<Key> keys) {
            this.keys = keys;
        }

        List<Key> keys(boolean reversed) {
            return reversed ? this.keys.stream().map(Key::reversed).toList() : this.keys;
        }

        /** The sort a page address names ({@code state} when none). */
        static Sort of(@Nullable String name) {
            if (name == null || name.isBlank()) {
                return STATE;
            }
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidFieldException("sort", "sort must be one of state, severity, rule, target or since, "
                        + "not " + name);
            }
        }

        String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What the page narrows the list to; each {@code null} matches anything. The search matches the rule's name, the
     * function, the region or the account, ignoring case.
     */
    public record Filter(@Nullable AlarmState state, @Nullable Severity severity, @Nullable Long rule,
            @Nullable String region, @Nullable String function, @Nullable String search) {

        Filter withState(@Nullable AlarmState other) {
            return new Filter(other, this.severity, this.rule, this.region, this.function, this.search);
        }

        public boolean any() {
            return this.state != null || this.severity != null || this.rule != null || this.region != null
                    || this.function != null || this.search != null;
        }

        Where where() {
            List<String> terms = new ArrayList<>(List.of("r.deleted_at is null"));
            Map<String, Object> params = new HashMap<>();
            if (this.state != null) {
                terms.add("a.state = :state");
                params.put("state", this.state.name());
            }
            if (this.severity != null) {
                terms.add("r.severity = :severity");
                params.put("severity", this.severity.name());
            }
            if (this.rule != null) {
                terms.add("a.rule_id = :rule");
                params.put("rule", this.rule);
            }
            if (this.region != null) {
                terms.add("a.region = :region");
                params.put("region", this.region);
            }
            if (this.function != null) {
                // the function's own alerts and those of its aliases, versions and mappings (name:qualifier)
                terms.add("(a.function_name = :function or a.function_name like :qualified escape '\\')");
                params.put("function", this.function);
                params.put("qualified", AlertTarget.qualifiedLike(this.function));
            }
            if (this.search != null) {
                terms.add("(lower(r.name) like :search escape '\\' or lower(a.function_name) like :search escape '\\' "
                        + "or a.region like :search escape '\\' or a.account_id like :search escape '\\')");
                params.put("search", "%" + AlertTarget.likeLiteral(this.search.toLowerCase(Locale.ROOT)) + "%");
            }
            return new Where(String.join(" and ", terms), params);
        }
    }

    /** A SQL condition with its named parameters. */
    record Where(String sql, Map<String, Object> params) {
    }

    /** One page of the list; {@code next} is the cursor of the page after it, {@code null} on the last. */
    public record Page(List<AlertSummary> items, @Nullable String next) {
    }

    /** Matching alerts per state, and per state and rule ({@code "ALARM/12"}). */
    public record Counts(Map<AlarmState, Long> perState, Map<String, Long> perGroup) {

        public long state(String state) {
            return this.perState.getOrDefault(AlarmState.valueOf(state), 0L);
        }

        public long group(AlarmState state, long rule) {
            return Optional.ofNullable(this.perGroup.get(state + "/" + rule)).orElse(0L);
        }
    }
}
