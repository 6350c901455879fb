package dev.lambdalens.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The deliveries page, the silences page and an alert's history, walked through their "older" links to the end with
 * a small page size: each item once, newest first, with rows sharing a timestamp on the page boundaries, and the
 * filters kept from page to page.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PagePagingTests {

    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    long alert;

    long ops;

    long pager;

    @BeforeEach
    void seed() {
        for (String table : List.of("delivery_attempt", "delivery", "alert_transition", "alert", "silence")) {
            this.jdbc.sql("delete from " + table).update();
        }
        this.jdbc.sql("delete from channel where name in ('page-ops', 'page-pager')").update();
        long rule = this.jdbc.sql("select min(id) from alert_rule where deleted_at is null").query(Long.class).single();
        this.jdbc.sql("insert into alert (rule_id, account_id, region, function_name, state, state_since) "
                + "values (?, '111111111111', 'us-east-1', 'fn-paged', 'ALARM', ?)").params(rule, at(0)).update();
        this.alert = this.jdbc.sql("select max(id) from alert").query(Long.class).single();
        for (int i = 0; i < 7; i++) {
            this.jdbc.sql("insert into alert_transition (alert_id, from_state, to_state, at, reason, datapoints) "
                    + "values (?, 'OK', 'ALARM', ?, ?, '[]')").params(this.alert, at(i / 3), "reason-" + i).update();
        }
        for (String name : List.of("page-ops", "page-pager")) {
            this.jdbc.sql("insert into channel (name, type, url, minimum_severity, enabled, created_at) "
                    + "values (?, 'WEBHOOK', 'http://127.0.0.1:9/', 'INFO', true, ?)").params(name, at(0)).update();
        }
        this.ops = this.jdbc.sql("select id from channel where name = 'page-ops'").query(Long.class).single();
        this.pager = this.jdbc.sql("select id from channel where name = 'page-pager'").query(Long.class).single();
        for (int i = 0; i < 7; i++) {
            this.jdbc.sql("insert into delivery (channel_id, idempotency_key, payload, status, attempts, created_at, "
                    + "next_attempt_at) values (?, ?, '{}', ?, 1, ?, ?)")
                .params((i % 3 == 0) ? this.pager : this.ops, "lambdalens-firing-" + i,
                        (i == 2) ? "SILENCED" : "DELIVERED", at(0), at(0))
                .update();
            long delivery = this.jdbc.sql("select max(id) from delivery").query(Long.class).single();
            this.jdbc.sql("insert into delivery_attempt (delivery_id, at, http_status, outcome) values (?, ?, 204, ?)")
                .params(delivery, at(0), "try-" + i)
                .update();
        }
        for (int i = 0; i < 7; i++) {
            // two in force (ending after now), the rest ended; starts shared in pairs
            boolean inForce = i >= 5;
            this.jdbc.sql("insert into silence (starts_at, ends_at, created_by, comment, created_at) "
                    + "values (?, ?, 'admin', ?, ?)")
                .params(at(i / 2), inForce ? OffsetDateTime.now(ZoneOffset.UTC).plusDays(1) : at(10), "silence-" + i,
                        at(0))
                .update();
        }
    }

    @Test
    void theDeliveriesPageWalksEveryDeliveryOnceNewestFirst() throws Exception {
        assertThat(walk("/channels/deliveries?limit=2", "#deliveries tbody tr", "deliveries-next", 4))
            .extracting((r) -> r.select("td").get(4).text())
            .containsExactly("1: try-6 204", "1: try-5 204", "1: try-4 204", "1: try-3 204", "1: try-2 204",
                    "1: try-1 204", "1: try-0 204");
        assertThat(walk("/channels/deliveries?limit=1&channel=" + this.pager, "#deliveries tbody tr", "deliveries-next",
                3)).extracting((r) -> r.select("td").get(4).text())
            .containsExactly("1: try-6 204", "1: try-3 204", "1: try-0 204");
        assertThat(walk("/channels/deliveries?limit=2&status=silenced", "#deliveries tbody tr", "deliveries-next", 1))
            .extracting((r) -> r.select("td").get(3).text())
            .containsExactly("SILENCED");
        Document first = page("/channels/deliveries?limit=2&channel=" + this.ops);
        assertThat(first.getElementById("deliveries-next").attr("href")).contains("channel=" + this.ops, "limit=2");
        assertThat(first.select("#deliveries tbody tr td:nth-child(2)").eachText()).containsOnly("page-ops");
        this.mvc.perform(get("/channels/deliveries?status=LOST").accept(MediaType.TEXT_HTML))
            .andExpect(status().isBadRequest());
        this.mvc.perform(get("/channels/deliveries?cursor=forged").accept(MediaType.TEXT_HTML))
            .andExpect(status().isBadRequest());
    }

    @Test
    void theSilencesPageWalksEverySilenceOnceLatestFirst() throws Exception {
        assertThat(walk("/alerts/silences?limit=2", "#silences tbody tr", "silences-next", 4))
            .extracting((r) -> r.select("td").get(7).text())
            .containsExactly("silence-6", "silence-5", "silence-4", "silence-3", "silence-2", "silence-1", "silence-0");
        assertThat(walk("/alerts/silences?limit=1&show=active", "#silences tbody tr", "silences-next", 2))
            .extracting((r) -> r.select("td").get(7).text())
            .containsExactly("silence-6", "silence-5");
        this.mvc.perform(get("/alerts/silences?limit=0").accept(MediaType.TEXT_HTML))
            .andExpect(status().isBadRequest());
    }

    @Test
    void anAlertsHistoryWalksEveryChangeOnceNewestFirst() throws Exception {
        assertThat(walk("/alerts/" + this.alert + "?limit=2", "#history tbody tr", "history-older", 4))
            .extracting((r) -> r.select("td").get(2).text())
            .containsExactly("reason-6", "reason-5", "reason-4", "reason-3", "reason-2", "reason-1", "reason-0");
        Document last = page(page("/alerts/" + this.alert + "?limit=5").getElementById("history-older").attr("href"));
        assertThat(last.getElementById("history-newest")).isNotNull();
        assertThat(last.getElementById("history-older")).isNull();
    }

    /** Follows the next-page links from {@code url}, collecting the rows of every page, in {@code pages} pages. */
    private List<Element> walk(String url, String rows, String next, int pages) throws Exception {
        List<Element> found = new ArrayList<>();
        String link = url;
        int walked = 0;
        while (link != null) {
            Document page = page(link);
            found.addAll(page.select(rows));
            Element older = page.getElementById(next);
            link = (older != null) ? older.attr("href") : null;
            walked++;
        }
        assertThat(walked).as("pages of " + url).isEqualTo(pages);
        return found;
    }

    private Document page(String url) throws Exception {
        return Jsoup.parse(this.mvc.perform(get(url).accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
    }

    private static OffsetDateTime at(int hours) {
        return OffsetDateTime.ofInstant(T.plusSeconds(hours * 3_600L), ZoneOffset.UTC);
    }
}
