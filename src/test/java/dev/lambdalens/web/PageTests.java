package dev.lambdalens.web;

import java.util.ArrayList;
import java.util.List;

import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.DemoDataConfiguration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
class PageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    DemoData demoData;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void collect() {
        this.demoData.collectOnce();
    }

    @Test
    void shouldShowEachRegionAgainstItsLimitAndEveryFunctionOnTheOverview() throws Exception {
        String html = page("/");
        assertThat(html).contains("us-east-1", "eu-west-1", "1,000", "400");
        assertThat(html).contains("image-resizer", "pdf-renderer", "nightly-report", "thumbnailer");
        assertThat(html).contains("/functions/us-east-1/image-resizer?account=123456789012");
        assertThat(count(html, "data-chart=")).isEqualTo(4);
        assertThat(html).contains("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        assertThat(html).contains("18 functions");
    }

    @Test
    void shouldServeTheFunctionTableAPageAtATimeSortedAndSearchedOnTheServer() throws Exception {
        List<String> walked = new ArrayList<>();
        String next = "/?sort=invocations&dir=desc&limit=4";
        while (next != null) {
            Document page = Jsoup.parse(page(next));
            page.select("#functions tbody tr").forEach((row) -> walked.add(row.select("td").get(1).text() + "/"
                    + row.select("td:first-child a").text()));
            Element link = page.getElementById("functions-next");
            next = (link != null) ? link.attr("href") : null;
            if (link != null) {
                assertThat(next).contains("sort=invocations", "dir=desc", "limit=4", "page=");
            }
        }
        assertThat(walked).hasSize(18).doesNotHaveDuplicates();
        Document whole = Jsoup.parse(page("/?sort=invocations&dir=desc"));
        assertThat(walked).containsExactlyElementsOf(whole.select("#functions tbody tr")
            .stream()
            .map((row) -> row.select("td").get(1).text() + "/" + row.select("td:first-child a").text())
            .toList());
        List<Double> invocations = whole.select("#functions tbody tr td:nth-child(5)")
            .eachAttr("data-value")
            .stream()
            .map(Double::valueOf)
            .filter((v) -> v >= 0)
            .toList();
        assertThat(invocations).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(whole.select("#functions th[aria-sort]").eachText()).containsExactly("Invocations");

        Document searched = Jsoup.parse(page("/?search=thumb"));
        assertThat(searched.select("#functions tbody tr td:first-child a").eachText()).containsExactly("thumbnailer");
        assertThat(searched.getElementById("function-search").val()).isEqualTo("thumb");
        Document region = Jsoup.parse(page("/?region=eu-west-1"));
        assertThat(region.select("#functions tbody tr td:nth-child(2)").eachText()).isNotEmpty()
            .allMatch("eu-west-1"::equals);
        assertThat(Jsoup.parse(page("/?search=no-such-function")).getElementById("no-function-match")).isNotNull();
    }

    @Test
    void shouldListTheTenMostImportantFiringAlertsAndLinkToAllOfThem() throws Exception {
        long rule = this.jdbc.sql("select min(id) from alert_rule where deleted_at is null and enabled")
            .query(Long.class)
            .single();
        try {
            for (int i = 0; i < 12; i++) {
                this.jdbc.sql("insert into alert (rule_id, account_id, region, function_name, state, state_since) "
                        + "values (?, '999999999999', 'us-east-1', ?, 'ALARM', ?)")
                    .params(rule, "firing-" + i, java.sql.Timestamp.from(java.time.Instant.parse("2026-11-28T11:00:00Z")
                        .plusSeconds(i)))
                    .update();
            }
            long firing = this.jdbc.sql("select count(*) from alert a join alert_rule r on r.id = a.rule_id "
                    + "where a.state = 'ALARM' and r.deleted_at is null").query(Long.class).single();
            Document overview = Jsoup.parse(page("/"));
            assertThat(overview.select("section.firing li")).hasSize(10);
            assertThat(overview.select("section.firing h2 small").text()).isEqualTo(firing + " alerts");
            Element more = overview.getElementById("firing-more");
            assertThat(more).isNotNull();
            assertThat(more.text()).isEqualTo("All " + firing + " firing alerts");
            assertThat(more.attr("href")).isEqualTo("/alerts?state=ALARM");
        }
        finally {
            this.jdbc.sql("delete from alert where account_id = '999999999999'").update();
        }
    }

    @Test
    void shouldRefuseAnOverviewAddressItCannotReadWith400NamingTheParameter() throws Exception {
        for (String[] bad : new String[][] { { "sort", "colour" }, { "page", "0" }, { "page", "two" },
                { "limit", "5000" }, { "limit", "abc" }, { "limit", "99999999999" }, { "dir", "sideways" } }) {
            String body = this.mvc.perform(get("/").param(bad[0], bad[1]).accept(MediaType.TEXT_HTML))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
            assertThat(body).contains(bad[0]);
        }
    }

    @Test
    void shouldShowEveryMetricAndTheConfigurationOnTheFunctionPage() throws Exception {
        String html = page("/functions/us-east-1/pdf-renderer?range=6h");
        assertThat(html).contains("pdf-renderer", "java17", "1536 MB", "30 s", "team=documents");
        // four charts of AWS/Lambda metrics, and memory used: pdf-renderer carries Lambda Insights
        assertThat(count(html, "data-chart=")).isEqualTo(5);
        assertThat(html).contains("&quot;metric&quot;:&quot;used_memory_max&quot;");
        assertThat(html).contains("&quot;metric&quot;:&quot;Duration&quot;", "&quot;statistic&quot;:&quot;p99&quot;",
                "&quot;limit&quot;:30000.0");
        assertThat(html).containsPattern("class=\"active\"[^>]*>6h<|>6h</a>");
    }

    @Test
    void shouldOfferEveryRangeFromAnHourToThirtyDays() throws Exception {
        String html = page("/functions/eu-west-1/orders-api");
        for (String range : new String[] { "1h", "6h", "24h", "7d", "30d" }) {
            assertThat(html).contains("range=" + range);
        }
    }

    @Test
    void shouldAnswerAnUnknownFunctionPageWithTheNotFoundPage() throws Exception {
        this.mvc.perform(get("/functions/us-east-1/nope").accept(MediaType.TEXT_HTML))
            .andExpect(status().isNotFound());
    }

    @Test
    void shouldRefuseAnUnknownRangeWith400() throws Exception {
        this.mvc.perform(get("/functions/us-east-1/orders-api").param("range", "9y").accept(MediaType.TEXT_HTML))
            .andExpect(status().isBadRequest());
    }

    @Test
    void shouldShowTheCollectorStatusPerRegion() throws Exception {
        String html = page("/collector");
        assertThat(html).contains("us-east-1", "eu-west-1", "OK", "Estimated CloudWatch API fees, 30 days",
                "what this polling would cost against AWS");
    }

    @Test
    void shouldServeEveryPageUnderAStrictContentSecurityPolicyWithoutInlineScripts() throws Exception {
        for (String path : new String[] { "/", "/functions/us-east-1/orders-api", "/collector" }) {
            MvcResult result = this.mvc.perform(get(path).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
                .andExpect(content().string(not(containsString("cdn"))))
                .andReturn();
            String html = result.getResponse().getContentAsString();
            assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
            assertThat(html).doesNotContain("onclick=", "onload=", "style=\"");
        }
    }

    private String page(String path) throws Exception {
        return this.mvc.perform(get(path).accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
