package dev.lambdalens.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
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
 * Deleting a rule, a channel or a user, or revoking a token, from the pages asks first: the list's button only
 * brings up the question (a page with a real form, so no script is needed), and nothing is gone until it is
 * answered.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ConfirmBeforeDeleteTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldAskBeforeDeletingAChannel() throws Exception {
        this.jdbc.sql("insert into channel (name, type, url, minimum_severity, enabled, created_at) "
                + "values ('confirm-ops', 'WEBHOOK', 'http://127.0.0.1:9/', 'INFO', true, current_timestamp)").update();
        long id = this.jdbc.sql("select id from channel where name = 'confirm-ops'").query(Long.class).single();
        Element form = ask("/channels/" + id + "/delete", "Delete the channel confirm-ops?");
        assertThat(count("channel where id = " + id)).as("asked, not deleted").isEqualTo(1);
        answer(form, "/channels");
        assertThat(count("channel where id = " + id)).isZero();
        this.mvc.perform(post("/channels/999999/delete")).andExpect(status().isNotFound());
    }

    @Test
    void shouldAskBeforeDeletingAUser() throws Exception {
        this.mvc.perform(post("/settings/users").param("username", "confirm-ana")
            .param("password", "a-long-enough-password")
            .param("role", "VIEWER")).andExpect(redirectedUrl("/settings"));
        long id = this.jdbc.sql("select id from app_user where username = 'confirm-ana'").query(Long.class).single();
        Element form = ask("/settings/users/" + id + "/delete", "Delete the user confirm-ana?");
        assertThat(count("app_user where id = " + id)).as("asked, not deleted").isEqualTo(1);
        answer(form, "/settings");
        assertThat(count("app_user where id = " + id)).isZero();
    }

    @Test
    void shouldAskBeforeRevokingAToken() throws Exception {
        this.mvc.perform(post("/settings/tokens").param("name", "confirm-ci").param("role", "VIEWER"))
            .andExpect(redirectedUrl("/settings"));
        long id = this.jdbc.sql("select id from api_token where name = 'confirm-ci'").query(Long.class).single();
        Element form = ask("/settings/tokens/" + id + "/revoke", "Revoke the token confirm-ci?");
        assertThat(count("api_token where revoked_at is null and id = " + id)).as("asked, not revoked").isEqualTo(1);
        answer(form, "/settings");
        assertThat(count("api_token where revoked_at is null and id = " + id)).isZero();
    }

    @Test
    void shouldAskBeforeDeletingARule() throws Exception {
        // a copy of a shipped rule, so that deleting it leaves the shipped rules to the other tests
        long shipped = this.jdbc.sql("select min(id) from alert_rule where deleted_at is null and source is null "
                + "and provisioned_from is null").query(Long.class).single();
        String columns = String.join(", ", this.jdbc.sql("select column_name from information_schema.columns "
                + "where lower(table_name) = 'alert_rule' and lower(column_name) not in ('id', 'name')")
            .query(String.class)
            .list());
        this.jdbc.sql("insert into alert_rule (name, " + columns + ") select 'confirm-rule', " + columns
                + " from alert_rule where id = ?").param(shipped).update();
        long id = this.jdbc.sql("select id from alert_rule where name = 'confirm-rule'").query(Long.class).single();
        // a delete that did not come from the question is sent to it
        this.mvc.perform(post("/alerts/rules/" + id + "/delete")).andExpect(redirectedUrl("/alerts/rules/" + id
                + "/delete"));
        this.mvc.perform(post("/alerts/rules/" + id + "/delete").param("history", "maybe"))
            .andExpect(redirectedUrl("/alerts/rules/" + id + "/delete"));
        assertThat(count("alert_rule where deleted_at is null and id = " + id)).as("not deleted").isEqualTo(1);
        Document question = page("/alerts/rules/" + id + "/delete");
        assertThat(question.selectFirst("h1").text()).startsWith("Delete the rule");
        assertThat(question.select("form[action=/alerts/rules/" + id + "/delete] button[name=history]")).hasSize(2);
        this.mvc.perform(post("/alerts/rules/" + id + "/delete").param("history", "keep"))
            .andExpect(redirectedUrl("/alerts"));
        assertThat(count("alert_rule where deleted_at is null and id = " + id)).isZero();
    }

    /** Posts the list's delete button (no confirmation): the question comes back, with a form to answer it. */
    private Element ask(String action, String question) throws Exception {
        String html = this.mvc.perform(post(action).accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        Document page = Jsoup.parse(html);
        assertThat(page.selectFirst("h1").text()).isEqualTo(question);
        Element form = page.getElementById("confirm");
        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.attr("action")).isEqualTo(action);
        assertThat(form.selectFirst("input[name=confirmed]").val()).isEqualTo("true");
        assertThat(page.select("script")).as("no script needed to answer")
            .allSatisfy((s) -> assertThat(s.hasAttr("src")).isTrue());
        return form;
    }

    private void answer(Element form, String then) throws Exception {
        this.mvc.perform(post(form.attr("action")).param("confirmed", form.selectFirst("input[name=confirmed]").val()))
            .andExpect(redirectedUrl(then));
    }

    private long count(String from) {
        return this.jdbc.sql("select count(*) from " + from).query(Long.class).single();
    }

    private Document page(String url) throws Exception {
        return Jsoup.parse(this.mvc.perform(get(url).accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
    }
}
