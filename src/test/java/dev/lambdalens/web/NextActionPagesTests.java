package dev.lambdalens.web;

import java.time.Duration;
import java.util.List;

import dev.lambdalens.alerting.AlertBoard;
import dev.lambdalens.alerting.AlertSummary;
import dev.lambdalens.alerting.RuleEvaluation;
import dev.lambdalens.insights.Insights;
import dev.lambdalens.insights.Recommendation;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The way from what is seen to what to do, on the demo account: a function's page lists its own alerts and its
 * recommendations and offers a rule on it (a form filled with the function); the overview leads with the three
 * recommendations that matter most, as Insights ranks them.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
class NextActionPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    DemoData demoData;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    AlertBoard board;

    @Autowired
    Insights insights;

    @BeforeEach
    void collect() {
        this.demoData.collectOnce();
        this.evaluation.evaluateAll();
    }

    @Test
    void theFunctionPageListsItsAlertsAndRecommendationsAndOffersARuleOnIt() throws Exception {
        List<Recommendation> all = this.insights.recommendations(Duration.ofDays(14)).recommendations();
        // a firing function with something to recommend, so that both lists have rows to compare
        AlertSummary firing = this.board.firing()
            .stream()
            .filter((a) -> !a.function().isEmpty())
            .filter((a) -> all.stream().anyMatch((r) -> a.function().equals(r.function())
                    && a.region().equals(r.region()) && a.account().equals(r.account())))
            .findFirst()
            .orElseThrow();
        Document page = page("/functions/" + firing.region() + "/" + firing.function() + "?account=" + firing.account());
        List<AlertSummary> own = this.board.all()
            .stream()
            .filter((a) -> a.function().equals(firing.function()) && a.region().equals(firing.region())
                    && a.account().equals(firing.account()))
            .toList();
        List<Element> rows = page.select("#function-alerts tr[data-alert]");
        assertThat(rows).extracting((r) -> Long.parseLong(r.attr("data-alert")))
            .containsExactlyInAnyOrderElementsOf(own.stream().map(AlertSummary::id).toList());
        assertThat(rows.get(0).text()).as("firing first").startsWith("ALARM");
        Element row = page.selectFirst("#function-alerts tr[data-alert=" + firing.id() + "]");
        assertThat(row.text()).contains("ALARM", firing.ruleName(), firing.severity().name(),
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .withZone(java.time.ZoneOffset.UTC)
                    .format(firing.stateSince()));
        assertThat(row.selectFirst("a").attr("href")).isEqualTo("/alerts/" + firing.id());

        // its recommendations: those Insights gives this function, in Insights' order
        List<String> expected = all.stream()
            .filter((r) -> firing.function().equals(r.function()) && firing.region().equals(r.region())
                    && firing.account().equals(r.account()))
            .map(Recommendation::title)
            .toList();
        assertThat(expected).isNotEmpty();
        assertThat(page.select("#function-recommendations li strong").eachText()).containsExactlyElementsOf(expected);

        // "alert on this function": the new-rule form, filled with it
        String link = page.getElementById("alert-on-function").attr("href");
        Document form = page(link);
        assertThat(value(form, "scope")).isEqualTo("FUNCTION");
        assertThat(value(form, "scopeValue")).isEqualTo(firing.function());
        assertThat(value(form, "region")).isEqualTo(firing.region());
        assertThat(value(form, "account")).isEqualTo(firing.account());
        assertThat(value(form, "name")).contains(firing.function());
    }

    @Test
    void theOverviewShowsTheThreeRecommendationsThatMatterMost() throws Exception {
        List<Recommendation> all = this.insights.recommendations(Duration.ofDays(14)).recommendations();
        assertThat(all).as("the demo has more than three").hasSizeGreaterThan(3);
        Document overview = page("/");
        assertThat(overview.select("#change-first li strong").eachText())
            .containsExactlyElementsOf(all.stream().limit(3).map(Recommendation::title).toList());
        assertThat(overview.selectFirst("#change-first a[href=/insights]")).isNotNull();
    }

    /** A field's value, whether it is typed or chosen. */
    private static String value(Document form, String name) {
        Element field = form.selectFirst("form [name=" + name + "]");
        if (field.tagName().equals("select")) {
            Element selected = field.selectFirst("option[selected]");
            return (selected != null) ? selected.val() : "";
        }
        return field.val();
    }

    private Document page(String url) throws Exception {
        return Jsoup.parse(this.mvc.perform(get(url).accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
    }
}
