package dev.lambdalens.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every list API walked to its end with a small limit, following the {@code Link: rel="next"} header: each item
 * once, in the list's order, with rows sharing a timestamp (the keyset's tie-breaker) on the page boundaries.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PagingTests {

    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    long alert;

    @BeforeEach
    void seed() {
        for (String table : List.of("delivery_attempt", "delivery", "channel", "alert_transition", "alert", "silence",
                "audit_event", "function_tag", "lambda_function")) {
            this.jdbc.sql("delete from " + table).update();
        }
        String[] names = { "fn-2", "fn-1", "fn-0", "fn-4", "fn-3", "fn-2", "fn-2" };
        String[] accounts = { "111111111111", "222222222222", "222222222222", "111111111111", "222222222222",
            "222222222222", "333333333333" };
        for (int i = 0; i < 7; i++) {
            // names out of order, in two regions and three accounts (one name twice in a region), so that the order
            // is the query's doing, down to its last tie-breaker
            String region = (i % 2 == 0) ? "us-east-1" : "eu-west-1";
            String account = accounts[i];
            this.jdbc.sql("insert into lambda_function (account_id, region, name, arn, architecture, memory_mb, "
                    + "timeout_seconds, code_size_bytes, state, first_seen, last_seen) values (?, ?, ?, ?, 'X86_64', "
                    + "128, 3, 1, ?, ?, ?)")
                .params(account, region, names[i], "arn:" + i, (i == 5) ? "GONE" : "ACTIVE", at(0), at(0))
                .update();
        }
        long rule = this.jdbc.sql("select min(id) from alert_rule").query(Long.class).single();
        for (int i = 0; i < 5; i++) {
            this.jdbc.sql("insert into alert (rule_id, account_id, region, function_name, state, state_since) "
                    + "values (?, '111111111111', 'us-east-1', ?, ?, ?)")
                .params(rule, "fn-" + i, (i == 2) ? "OK" : "ALARM", at(i / 2))
                .update();
        }
        this.alert = this.jdbc.sql("select min(id) from alert").query(Long.class).single();
        for (int i = 0; i < 7; i++) {
            this.jdbc.sql("insert into alert_transition (alert_id, from_state, to_state, at, reason, datapoints) "
                    + "values (?, 'OK', 'ALARM', ?, ?, '[]')").params(this.alert, at(i / 3), "t" + i).update();
        }
        this.jdbc.sql("insert into channel (name, type, url, minimum_severity, enabled, created_at) "
                + "values ('ops', 'WEBHOOK', 'http://localhost/', 'INFO', true, ?)").param(at(0)).update();
        long channel = this.jdbc.sql("select min(id) from channel").query(Long.class).single();
        for (int i = 0; i < 5; i++) {
            this.jdbc.sql("insert into delivery (channel_id, idempotency_key, payload, status, attempts, created_at, "
                    + "next_attempt_at) values (?, ?, '{}', ?, 2, ?, ?)")
                .params(channel, "k" + i, (i == 1) ? "PENDING" : "DELIVERED", at(i), at(i))
                .update();
            long delivery = this.jdbc.sql("select max(id) from delivery").query(Long.class).single();
            for (int a = 0; a < 2; a++) {
                this.jdbc.sql("insert into delivery_attempt (delivery_id, at, outcome) values (?, ?, ?)")
                    .params(delivery, at(i), "try-" + a)
                    .update();
            }
        }
        for (int i = 0; i < 5; i++) {
            this.jdbc.sql("insert into audit_event (at, actor, action, entity_type, entity_id) "
                    + "values (?, 'admin', 'UPDATE', 'RULE', ?)").params(at(i), "e" + i).update();
            this.jdbc.sql("insert into silence (starts_at, ends_at, created_by, comment, created_at) "
                    + "values (?, ?, 'admin', ?, ?)")
                .params(at(i / 2), at(10 + i), "s" + i, at(0))
                .update();
        }
    }

    @Test
    void everyListApiWalkedWithASmallLimitGivesEachItemOnceInOrder() throws Exception {
        assertThat(walk("/api/v1/functions?limit=2", "$[*].arn")).containsExactlyElementsOf(
                this.jdbc.sql("select arn from lambda_function order by region, name, account_id")
                    .query(String.class)
                    .list());
        assertThat(walk("/api/v1/functions?limit=1&region=us-east-1&state=active", "$[*].arn"))
            .containsExactly("arn:2", "arn:0", "arn:6", "arn:4");
        assertThat(walk("/api/v1/functions?limit=2&q=FN-2", "$[*].arn")).containsExactly("arn:5", "arn:0", "arn:6");
        assertThat(walk("/api/v1/alerts?limit=2", "$[*].function")).containsExactly("fn-4", "fn-3", "fn-2", "fn-1",
                "fn-0");
        assertThat(walk("/api/v1/alerts?limit=1&state=ALARM", "$[*].function")).containsExactly("fn-4", "fn-3",
                "fn-1", "fn-0");
        assertThat(walk("/api/v1/alerts/" + this.alert + "/history?limit=2", "$[*].reason"))
            .containsExactly("t6", "t5", "t4", "t3", "t2", "t1", "t0");
        assertThat(walk("/api/v1/alerts/" + this.alert + "/history?limit=2&from=" + at(1).toInstant(), "$[*].reason"))
            .containsExactly("t6", "t5", "t4", "t3");
        assertThat(walk("/api/v1/deliveries?limit=2", "$[*].idempotencyKey")).containsExactly("k4", "k3", "k2", "k1",
                "k0");
        assertThat(walk("/api/v1/deliveries?limit=2", "$[*].log[*].outcome")).containsExactly("try-0", "try-1",
                "try-0", "try-1", "try-0", "try-1", "try-0", "try-1", "try-0", "try-1");
        assertThat(walk("/api/v1/deliveries?limit=2&status=delivered", "$[*].idempotencyKey")).containsExactly("k4",
                "k3", "k2", "k0");
        assertThat(walk("/api/v1/audit?limit=2", "$[*].entityId")).containsExactly("e4", "e3", "e2", "e1", "e0");
        assertThat(walk("/api/v1/silences?limit=2", "$[*].comment")).containsExactly("s4", "s3", "s2", "s1", "s0");
    }

    @Test
    void aForgedCursorOrAWrongLimitIsA400NamingIt() throws Exception {
        for (String url : List.of("/api/v1/functions", "/api/v1/alerts", "/api/v1/deliveries", "/api/v1/audit",
                "/api/v1/silences")) {
            this.mvc.perform(get(url).param("cursor", "not-a-cursor")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
            this.mvc.perform(get(url).param("limit", "0")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        }
    }

    /** Follows the next links from {@code url}, collecting {@code path} of every page. */
    private List<String> walk(String url, String path) throws Exception {
        List<String> items = new ArrayList<>();
        String next = url;
        int pages = 0;
        while (next != null) {
            MvcResult page = this.mvc.perform(get(next)).andExpect(status().isOk()).andReturn();
            List<Object> values = JsonPath.read(page.getResponse().getContentAsString(), path);
            values.forEach((v) -> items.add(String.valueOf(v)));
            String link = page.getResponse().getHeader("Link");
            next = (link != null) ? link.substring(link.indexOf('<') + 1, link.indexOf('>')) : null;
            assertThat(++pages).as("pages of " + url).isLessThan(50);
        }
        return items;
    }

    private static OffsetDateTime at(int hours) {
        return OffsetDateTime.ofInstant(T.plusSeconds(hours * 3_600L), ZoneOffset.UTC);
    }
}
