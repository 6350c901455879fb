package dev.lambdalens.web;

import dev.lambdalens.alerting.AlertBoard;
import dev.lambdalens.alerting.AlertSummary;
import dev.lambdalens.alerting.RuleEvaluation;
import dev.lambdalens.collector.CycleRunner;
import dev.lambdalens.testing.DemoDataConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The forms for rules, acknowledgements, silences and channels: a bad entry re-renders the form with a message per
 * field (a 200, never a 500), a good one is saved.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class FormPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    AlertBoard board;

    @Test
    void shouldCreateEditAndDeleteARuleThroughTheForm() throws Exception {
        this.mvc.perform(get("/alerts/rules/new").accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("name=\"datapointsToAlarm\"")));
        this.mvc.perform(post("/alerts/rules").param("name", "")
            .param("signal", "ERROR_RATE")
            .param("scope", "ALL")
            .param("comparison", "GREATER_THAN_THRESHOLD")
            .param("threshold", "abc")
            .param("periodSeconds", "60")
            .param("evaluationPeriods", "3")
            .param("datapointsToAlarm", "1"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("The rule needs changes")))
            .andExpect(content().string(containsString("class=\"field-error\"")));
        this.mvc.perform(post("/alerts/rules").param("name", "Too many")
            .param("signal", "ERROR_RATE")
            .param("scope", "ALL")
            .param("comparison", "GREATER_THAN_THRESHOLD")
            .param("threshold", "5")
            .param("periodSeconds", "60")
            .param("evaluationPeriods", "3")
            .param("datapointsToAlarm", "4"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("must be between 1 and the evaluation periods (3)")));
        this.mvc.perform(post("/alerts/rules").param("name", "Orders error rate")
            .param("signal", "ERROR_RATE")
            .param("scope", "NAME_PATTERN")
            .param("scopeValue", "orders-*")
            .param("comparison", "GREATER_THAN_THRESHOLD")
            .param("threshold", "2")
            .param("periodSeconds", "300")
            .param("evaluationPeriods", "3")
            .param("datapointsToAlarm", "2")
            .param("missingData", "NOT_BREACHING")
            .param("severity", "CRITICAL")
            .param("enabled", "true"))
            .andExpect(status().is3xxRedirection())
            .andExpect(redirectedUrl("/alerts"));
        String page = html("/alerts");
        assertThat(page).contains("Orders error rate");
        String id = page.replaceAll("(?s).*/alerts/rules/(\\d+)/edit\">Orders error rate.*", "$1");
        assertThat(html("/alerts/rules/" + id + "/edit")).contains("value=\"orders-*\"");
        this.mvc.perform(post("/alerts/rules/" + id + "/delete").param("history", "keep")).andExpect(redirectedUrl("/alerts"));
        assertThat(html("/alerts")).doesNotContain("Orders error rate");
    }

    @Test
    void shouldShowAnAlertsHistoryAndAcknowledgeIt() throws Exception {
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        AlertSummary firing = this.board.firing().get(0);
        assertThat(html("/alerts/" + firing.id())).contains("History", "→ ALARM", "Acknowledge");
        this.mvc.perform(post("/alerts/" + firing.id() + "/ack").param("comment", "x".repeat(1001)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("class=\"field-error\"")));
        this.mvc.perform(post("/alerts/" + firing.id() + "/ack").param("by", "ana").param("comment", "on it"))
            .andExpect(redirectedUrl("/alerts/" + firing.id()));
        // the signed-in user, not the name typed; in the history too
        assertThat(html("/alerts/" + firing.id())).contains("Acknowledged by", "admin", "on it",
                "acknowledged by admin: on it").doesNotContain(">ana<");
    }

    @Test
    void shouldCreateAndEndASilenceThroughTheForm() throws Exception {
        this.mvc.perform(post("/alerts/silences").param("endsAt", "2026-11-28T11:00")
            .param("createdBy", "ana")
            .param("comment", "too late"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("must be in the future")));
        this.mvc.perform(post("/alerts/silences").param("endsAt", "2026-11-28T16:00")
            .param("region", "us-east-1")
            .param("functionPattern", "pdf-*")
            .param("createdBy", "ana")
            .param("comment", "migration"))
            .andExpect(redirectedUrl("/alerts/silences"));
        String page = html("/alerts/silences");
        assertThat(page).contains("pdf-*", "migration", "End now");
        String id = page.replaceAll("(?s).*/alerts/silences/(\\d+)/expire.*", "$1");
        this.mvc.perform(post("/alerts/silences/" + id + "/expire")).andExpect(redirectedUrl("/alerts/silences"));
        assertThat(html("/alerts/silences")).doesNotContain("End now");
    }

    @Test
    void shouldAddTestAndDeleteAChannelThroughTheForm() throws Exception {
        this.mvc.perform(post("/channels").param("name", "ops").param("type", "WEBHOOK").param("url", "ftp://x"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("must be an http(s) URL")));
        this.mvc.perform(post("/channels").param("name", "pager").param("type", "PAGERDUTY")
            .param("url", "https://events.pagerduty.com/v2/enqueue"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("routing key")));
        this.mvc.perform(post("/channels").param("name", "ops").param("type", "WEBHOOK")
            .param("url", "http://127.0.0.1:9/closed").param("minimumSeverity", "WARNING").param("enabled", "true"))
            .andExpect(redirectedUrl("/channels"));
        String page = html("/channels");
        // a webhook URL is its credential: the page shows its host and last four characters only
        assertThat(page).contains("http://127.0.0.1:9/…").doesNotContain("127.0.0.1:9/closed");
        String id = page.replaceAll("(?s).*/channels/(\\d+)/test.*", "$1");
        this.mvc.perform(post("/channels/" + id + "/test"))
            .andExpect(redirectedUrl("/channels"))
            .andExpect(flash().attribute("testResult", containsString("not delivered")));
        this.mvc.perform(post("/channels/" + id + "/delete").param("confirmed", "true")).andExpect(redirectedUrl("/channels"));
        assertThat(html("/channels")).doesNotContain("http://127.0.0.1:9/closed");
    }

    @Test
    void shouldServeTheNewPagesWithoutInlineScripts() throws Exception {
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        for (String path : new String[] { "/alerts", "/alerts/rules/new", "/alerts/silences", "/channels",
                "/alerts/" + this.board.all().get(0).id() }) {
            assertThat(html(path)).as(path).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContain("onclick=", "style=\"");
        }
    }

    private String html(String path) throws Exception {
        return this.mvc.perform(get(path).accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    }
}
