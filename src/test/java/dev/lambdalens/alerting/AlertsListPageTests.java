package dev.lambdalens.alerting;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Statistic;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The alerts page over a seeded set of alerts: firing first and grouped by rule, every filter, the search, each sort
 * in both directions, walked a page at a time to the end (each alert once, in order), and the one-click acknowledge
 * and silence made from what the row shows.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AlertsListPageTests {

    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AlertRuleRepository rules;

    @Autowired
    java.time.Clock clock;

    /** The seeded alerts, as the page must order them by default. */
    final List<Seeded> seeded = new ArrayList<>();

    long critical;

    long warning;

    long otherWarning;

    @BeforeEach
    void seed() {
        for (String table : List.of("alert_transition", "alert", "silence")) {
            this.jdbc.sql("delete from " + table).update();
        }
        this.jdbc.sql("delete from alert_rule where name like 'list-%'").update();
        this.critical = rule("list-zeta", Severity.CRITICAL);
        this.warning = rule("list-alpha", Severity.WARNING);
        this.otherWarning = rule("list-beta", Severity.WARNING);
        long gone = rule("list-deleted", Severity.CRITICAL);
        this.jdbc.sql("update alert_rule set deleted_at = ? where id = ?").params(at(0), gone).update();
        long[] ruleOf = { this.warning, this.critical, this.otherWarning, this.warning, this.critical, this.warning,
            this.otherWarning, this.critical, this.warning, this.otherWarning, this.critical, this.warning };
        String[] states = { "ALARM", "OK", "ALARM", "INSUFFICIENT_DATA", "ALARM", "OK", "ALARM", "ALARM", "ALARM", "OK",
            "OK", "ALARM" };
        for (int i = 0; i < ruleOf.length; i++) {
            String region = (i % 3 == 0) ? "eu-west-1" : "us-east-1";
            String function = "fn-" + ((i * 7) % 12 < 10 ? "0" : "") + ((i * 7) % 12);
            // times shared in threes: the keyset's tie-breakers on the page boundaries
            this.jdbc.sql("insert into alert (rule_id, account_id, region, function_name, state, state_since) "
                    + "values (?, '111111111111', ?, ?, ?, ?)")
                .params(ruleOf[i], region, function, states[i], at(i / 3))
                .update();
            long id = this.jdbc.sql("select max(id) from alert").query(Long.class).single();
            this.seeded.add(new Seeded(id, ruleOf[i], name(ruleOf[i]), severity(ruleOf[i]),
                    AlarmState.valueOf(states[i]), region, function, at(i / 3).toInstant()));
        }
        this.jdbc.sql("insert into alert (rule_id, account_id, region, function_name, state, state_since) "
                + "values (?, '111111111111', 'us-east-1', 'fn-gone', 'ALARM', ?)").params(gone, at(0)).update();
    }

    @Test
    void shouldListFiringFirstGroupedByRuleAndWalkEveryPageOnce() throws Exception {
        List<Long> expected = this.seeded.stream().sorted(Comparator
            .comparing((Seeded s) -> rank(s.state()))
            .thenComparing(Seeded::severity)
            .thenComparing(Seeded::rule)
            .thenComparing(Seeded::ruleId)
            .thenComparing(Seeded::function)
            .thenComparing(Seeded::id)).map(Seeded::id).toList();
        assertThat(walk("/alerts?limit=3")).as("the default order, 3 a page").containsExactlyElementsOf(expected);
        assertThat(walk("/alerts?limit=1")).containsExactlyElementsOf(expected);
        assertThat(walk("/alerts?limit=3&sort=state&dir=desc")).containsExactlyElementsOf(reversed(expected));

        Document first = page("/alerts");
        List<String> groups = first.select("#alerts tr.group").eachText();
        assertThat(groups.get(0)).as("the critical rule's firing alerts come first")
            .contains("ALARM", "list-zeta", "2 alerts");
        assertThat(groups.get(1)).contains("ALARM", "list-alpha", "3 alerts");
        assertThat(groups.get(2)).contains("ALARM", "list-beta", "2 alerts");
        assertThat(first.getElementById("alert-counts").text()).contains("7 firing", "1 insufficient data", "4 OK");
        assertThat(first.text()).as("a deleted rule's alerts are not listed").doesNotContain("fn-gone");
        assertThat(first.getElementById("alerts-next")).as("50 a page: one page").isNull();
    }

    @Test
    void shouldSortByEveryColumnInBothDirections() throws Exception {
        List<Long> bySince = this.seeded.stream()
            .sorted(Comparator.comparing(Seeded::since).thenComparing(Seeded::id).reversed())
            .map(Seeded::id)
            .toList();
        assertThat(walk("/alerts?limit=2&sort=since")).containsExactlyElementsOf(bySince);
        assertThat(walk("/alerts?limit=5&sort=since&dir=desc")).containsExactlyElementsOf(reversed(bySince));
        List<Long> byTarget = this.seeded.stream()
            .sorted(Comparator.comparing(Seeded::function).thenComparing(Seeded::region).thenComparing(Seeded::id))
            .map(Seeded::id)
            .toList();
        assertThat(walk("/alerts?limit=4&sort=target")).containsExactlyElementsOf(byTarget);
        List<Long> byRule = this.seeded.stream()
            .sorted(Comparator.comparing(Seeded::rule).thenComparing((Seeded s) -> rank(s.state()))
                .thenComparing(Seeded::function).thenComparing(Seeded::id))
            .map(Seeded::id)
            .toList();
        assertThat(walk("/alerts?limit=4&sort=rule")).containsExactlyElementsOf(byRule);
        assertThat(walk("/alerts?limit=4&sort=rule&dir=desc")).containsExactlyElementsOf(reversed(byRule));
        List<Long> bySeverity = this.seeded.stream()
            .sorted(Comparator.comparing(Seeded::severity).thenComparing((Seeded s) -> rank(s.state()))
                .thenComparing(Seeded::rule).thenComparing(Seeded::id))
            .map(Seeded::id)
            .toList();
        assertThat(walk("/alerts?limit=4&sort=severity")).containsExactlyElementsOf(bySeverity);
        // the headers link to their sort, the current one to its reverse, and say which it is
        Document page = page("/alerts?sort=since&state=ALARM");
        assertThat(page.selectFirst("a[data-sort=since]").attr("href")).contains("sort=since", "dir=desc",
                "state=ALARM");
        assertThat(page.selectFirst("a[data-sort=rule]").attr("href")).contains("sort=rule").doesNotContain("dir=");
        assertThat(page.selectFirst("a[data-sort=since]").parent().attr("aria-sort")).isEqualTo("ascending");
        assertThat(page.select("#alerts tr.group")).as("groups only in the default order").isEmpty();
    }

    @Test
    void shouldFilterByStateSeverityRuleRegionFunctionAndSearch() throws Exception {
        assertThat(walk("/alerts?limit=2&state=ALARM")).containsExactlyInAnyOrderElementsOf(
                ids((s) -> s.state() == AlarmState.ALARM));
        assertThat(walk("/alerts?limit=2&state=ok")).containsExactlyInAnyOrderElementsOf(
                ids((s) -> s.state() == AlarmState.OK));
        assertThat(walk("/alerts?limit=2&severity=CRITICAL")).containsExactlyInAnyOrderElementsOf(
                ids((s) -> s.severity() == Severity.CRITICAL));
        assertThat(walk("/alerts?limit=2&rule=" + this.otherWarning)).containsExactlyInAnyOrderElementsOf(
                ids((s) -> s.ruleId() == this.otherWarning));
        assertThat(walk("/alerts?limit=2&region=eu-west-1")).containsExactlyInAnyOrderElementsOf(
                ids((s) -> s.region().equals("eu-west-1")));
        assertThat(walk("/alerts?function=fn-07")).containsExactlyInAnyOrderElementsOf(
                ids((s) -> s.function().equals("fn-07")));
        assertThat(walk("/alerts?limit=2&search=ALPHA")).containsExactlyInAnyOrderElementsOf(
                ids((s) -> s.rule().equals("list-alpha")));
        assertThat(walk("/alerts?limit=2&search=n-1")).containsExactlyInAnyOrderElementsOf(
                ids((s) -> s.function().startsWith("fn-1")));
        assertThat(walk("/alerts?search=%25")).as("a % is searched for, not a wildcard").isEmpty();
        assertThat(walk("/alerts?limit=2&state=ALARM&region=us-east-1&severity=WARNING"))
            .containsExactlyInAnyOrderElementsOf(ids((s) -> s.state() == AlarmState.ALARM
                    && s.region().equals("us-east-1") && s.severity() == Severity.WARNING));
        // the filters stay in the form and in every link
        Document page = page("/alerts?state=ALARM&region=eu-west-1&search=fn");
        assertThat(page.selectFirst("select[name=state] option[selected]").val()).isEqualTo("ALARM");
        assertThat(page.selectFirst("select[name=region] option[selected]").val()).isEqualTo("eu-west-1");
        assertThat(page.selectFirst("input[name=search]").val()).isEqualTo("fn");
        assertThat(page.selectFirst("a[data-sort=since]").attr("href")).contains("region=eu-west-1", "search=fn");
        assertThat(page.getElementById("no-match")).isNull();
        assertThat(page("/alerts?function=nothing-like-it").getElementById("no-match")).isNotNull();
    }

    @Test
    void badFiltersAreA400NamingThem() throws Exception {
        for (String query : List.of("state=FIRING", "severity=LOUD", "sort=colour", "cursor=forged", "limit=0")) {
            String body = this.mvc.perform(get("/alerts?" + query).accept(MediaType.TEXT_HTML))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
            assertThat(body).containsAnyOf("state must be", "severity must be", "sort must be", "cursor is not",
                    "limit must be");
        }
    }

    @Test
    void shouldSilenceAnAlertForItsRuleAndTargetInOneClickAsTheSignedInUser() throws Exception {
        Seeded firing = this.seeded.stream().filter((s) -> s.state() == AlarmState.ALARM).findFirst().orElseThrow();
        String back = "/alerts?state=ALARM&sort=since";
        Instant before = this.clock.instant();
        this.mvc.perform(post("/alerts/" + firing.id() + "/silence").param("duration", "4h").param("back", back))
            .andExpect(redirectedUrl(back));
        Instant after = this.clock.instant();
        Map<String, Object> silence = this.jdbc.sql("select * from silence").query().singleRow();
        assertThat(((Number) silence.get("RULE_ID")).longValue()).isEqualTo(firing.ruleId());
        assertThat(silence.get("ACCOUNT_ID")).isEqualTo("111111111111");
        assertThat(silence.get("REGION")).isEqualTo(firing.region());
        assertThat(silence.get("FUNCTION_PATTERN")).isEqualTo(firing.function());
        assertThat(silence.get("CREATED_BY")).isEqualTo("admin");
        Object ends = silence.get("ENDS_AT");
        Instant endsAt = (ends instanceof java.sql.Timestamp t) ? t.toInstant() : ((OffsetDateTime) ends).toInstant();
        assertThat(endsAt).isBetween(before.plus(Duration.ofHours(4)),
                after.plus(Duration.ofHours(4)));
        Element row = page("/alerts").selectFirst("tr[data-alert=" + firing.id() + "]");
        assertThat(row.text()).contains("silenced");
        assertThat(row.select("form.silence")).as("silenced: no silence buttons").isEmpty();
        // another function of the same rule is not silenced
        Seeded sibling = this.seeded.stream()
            .filter((s) -> s.ruleId() == firing.ruleId() && s.id() != firing.id())
            .findFirst()
            .orElseThrow();
        assertThat(page("/alerts").selectFirst("tr[data-alert=" + sibling.id() + "]").text()).doesNotContain("silenced");
        // a duration not offered, or an address elsewhere, are not taken
        this.mvc.perform(post("/alerts/" + sibling.id() + "/silence").param("duration", "99y"))
            .andExpect(status().isBadRequest());
        this.mvc.perform(post("/alerts/" + sibling.id() + "/silence").param("duration", "1h")
            .param("back", "//evil.example/alerts")).andExpect(redirectedUrl("/alerts/" + sibling.id()));
        this.mvc.perform(post("/alerts/999999/silence").param("duration", "1h")).andExpect(status().isNotFound());
    }

    @Test
    void shouldAcknowledgeFromTheListAndComeBackToIt() throws Exception {
        Seeded firing = this.seeded.stream().filter((s) -> s.state() == AlarmState.ALARM).findFirst().orElseThrow();
        Element row = page("/alerts?state=ALARM").selectFirst("tr[data-alert=" + firing.id() + "]");
        assertThat(row.selectFirst("form.ack input[name=back]").val()).isEqualTo("/alerts?state=ALARM");
        this.mvc.perform(post("/alerts/" + firing.id() + "/ack").param("back", "/alerts?state=ALARM"))
            .andExpect(redirectedUrl("/alerts?state=ALARM"));
        Element after = page("/alerts?state=ALARM").selectFirst("tr[data-alert=" + firing.id() + "]");
        assertThat(after.text()).contains("admin");
        assertThat(after.select("form.ack")).isEmpty();
    }

    private static List<Long> reversed(List<Long> ids) {
        List<Long> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private List<Long> ids(java.util.function.Predicate<Seeded> which) {
        return this.seeded.stream().filter(which).map(Seeded::id).toList();
    }

    /** Follows the next-page links from {@code url}, collecting the alerts of every page. */
    private List<Long> walk(String url) throws Exception {
        List<Long> ids = new ArrayList<>();
        String next = url;
        int pages = 0;
        while (next != null) {
            Document page = page(next);
            page.select("#alerts tr[data-alert]").forEach((tr) -> ids.add(Long.parseLong(tr.attr("data-alert"))));
            Element link = page.getElementById("alerts-next");
            next = (link != null) ? link.attr("href") : null;
            assertThat(++pages).as("pages walked").isLessThan(30);
        }
        return ids;
    }

    private Document page(String url) throws Exception {
        String html = this.mvc.perform(get(url).accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        return Jsoup.parse(html);
    }

    private long rule(String name, Severity severity) {
        return this.rules.save(new AlertRule(new RuleDefinition(name, Signal.METRIC, LambdaMetric.THROTTLES,
                Statistic.SUM, RuleScope.ALL, null, null, null,
                new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, 0, Duration.ofMinutes(1), 1, 1,
                        MissingData.NOT_BREACHING),
                severity, null, null, true, List.of()), T)).id();
    }

    private String name(long rule) {
        return (rule == this.critical) ? "list-zeta" : (rule == this.warning) ? "list-alpha" : "list-beta";
    }

    private Severity severity(long rule) {
        return (rule == this.critical) ? Severity.CRITICAL : Severity.WARNING;
    }

    private static int rank(AlarmState state) {
        return switch (state) {
            case ALARM -> 0;
            case INSUFFICIENT_DATA -> 1;
            case OK -> 2;
        };
    }

    private static OffsetDateTime at(int minute) {
        return T.plusSeconds(60L * minute).atOffset(ZoneOffset.UTC);
    }

    record Seeded(long id, long ruleId, String rule, Severity severity, AlarmState state, String region,
            String function, Instant since) {
    }
}
