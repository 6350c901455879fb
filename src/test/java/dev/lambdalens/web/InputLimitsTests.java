package dev.lambdalens.web;

import java.time.Duration;
import java.time.Instant;

import dev.lambdalens.testing.DemoDataConfiguration;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The limits the API and the forms state and enforce: silences (length, and the match-everything silence), token
 * lifetimes, passwords in bcrypt's 72 bytes, channel ids that exist, budget thresholds, and forms that keep what was
 * typed when a value cannot be read.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
@DirtiesContext
class InputLimitsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    MutableClock clock;

    @Test
    void aSilenceLastsAtMostThirtyDaysAndOneOfEveryAlertNeedsAnAdminWhoConfirms() throws Exception {
        Instant now = this.clock.instant();
        silence("{\"region\": \"us-east-1\", \"endsAt\": \"" + now.plus(Duration.ofDays(31)) + "\"}", "ADMIN")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("endsAt"))
            .andExpect(jsonPath("$.errors[0].message").value(containsString("30 days")));
        silence("{\"region\": \"us-east-1\", \"endsAt\": \"+999999999-12-31T23:59:59Z\"}", "ADMIN")
            .andExpect(status().isBadRequest());
        silence("{\"region\": \"us-east-1\", \"startsAt\": \"+999999999-01-01T00:00:00Z\", "
                + "\"endsAt\": \"+999999999-01-02T00:00:00Z\"}", "ADMIN")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("startsAt"));
        silence("{\"region\": \"us-east-1\", \"endsAt\": \"" + now.plus(Duration.ofDays(29)) + "\"}", "OPERATOR")
            .andExpect(status().isCreated());
        // every alert: not for an operator, and not without saying so
        silence("{\"functionPattern\": \"*\", \"endsAt\": \"" + now.plus(Duration.ofHours(2)) + "\"}", "OPERATOR")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("ruleId"))
            .andExpect(jsonPath("$.errors[0].message").value(containsString("ADMIN")));
        silence("{\"endsAt\": \"" + now.plus(Duration.ofHours(2)) + "\"}", "ADMIN")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("confirmMatchesEverything"));
        silence("{\"endsAt\": \"" + now.plus(Duration.ofHours(2)) + "\", \"confirmMatchesEverything\": true}", "ADMIN")
            .andExpect(status().isCreated());
        // the page says so next to the field, keeping what was typed
        this.mvc.perform(post("/alerts/silences").with(user("op").roles("VIEWER", "OPERATOR"))
            .param("endsAt", "2026-11-28T14:00").param("createdBy", "op").param("comment", "deploy window"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("a silence of every alert needs an ADMIN")))
            .andExpect(content().string(containsString("deploy window")));
    }

    @Test
    void aTokenLivesAtMostTheConfiguredLifetime() throws Exception {
        Instant now = this.clock.instant();
        token("{\"name\": \"forever\", \"role\": \"VIEWER\", \"expiresAt\": \"+999999999-12-31T23:59:59Z\"}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("expiresAt"))
            .andExpect(jsonPath("$.errors[0].message").value(containsString("365 days")));
        token("{\"name\": \"year\", \"role\": \"VIEWER\", \"expiresAt\": \"" + now.plus(Duration.ofDays(366)) + "\"}")
            .andExpect(status().isBadRequest());
        String created = token("{\"name\": \"default\", \"role\": \"VIEWER\"}").andExpect(status().isCreated())
            .andReturn().getResponse().getContentAsString();
        assertThat(Instant.parse(this.json.readTree(created).get("token").get("expiresAt").asString()))
            .isEqualTo(now.plus(Duration.ofDays(365)));
        this.mvc.perform(post("/settings/tokens").param("name", "grafana").param("role", "VIEWER")
            .param("expiresOn", "+999999999-12-31"))
            .andExpect(flash().attribute("tokenErrors", org.hamcrest.Matchers.hasEntry(
                    org.hamcrest.Matchers.equalTo("expiresOn"), containsString("a date such as"))))
            .andExpect(flash().attribute("typedTokenName", "grafana"));
    }

    @Test
    void aPasswordIsTwelveToSeventyTwoBytesAsBcryptReadsIt() throws Exception {
        String password = "p".repeat(73);
        newUser("{\"username\": \"long\", \"password\": \"" + password + "\", \"role\": \"VIEWER\"}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("password"))
            .andExpect(jsonPath("$.errors[0].message").value(containsString("72 bytes")));
        // 40 characters, 80 bytes
        newUser("{\"username\": \"accents\", \"password\": \"" + "é".repeat(40) + "\", \"role\": \"VIEWER\"}")
            .andExpect(status().isBadRequest());
        newUser("{\"username\": \"fits\", \"password\": \"" + "p".repeat(72) + "\", \"role\": \"VIEWER\"}")
            .andExpect(status().isCreated());
        this.mvc.perform(post("/settings/users").param("username", "ana").param("password", "x".repeat(300))
            .param("role", "VIEWER"))
            .andExpect(flash().attribute("userErrors", org.hamcrest.Matchers.hasEntry(
                    org.hamcrest.Matchers.equalTo("password"), containsString("72 bytes"))));
    }

    @Test
    void rulesAndBudgetsNameAtMostTwentyChannelsThatExist() throws Exception {
        String rule = "{\"name\": \"r\", \"signal\": \"ERROR_RATE\", \"comparison\": \"GREATER_THAN_THRESHOLD\", "
                + "\"threshold\": 5, \"periodSeconds\": 60, \"evaluationPeriods\": 1, \"datapointsToAlarm\": 1, "
                + "\"channelIds\": %s}";
        api("/api/v1/alert-rules", rule.formatted("[424242]")).andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("channelIds"))
            .andExpect(jsonPath("$.errors[0].message").value("there is no channel 424242"));
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            many.append((i > 0) ? "," : "").append(i);
        }
        api("/api/v1/alert-rules", rule.formatted(many + "]")).andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("channelIds"));
        api("/api/v1/budgets", "{\"name\": \"b\", \"amount\": 100, \"channelIds\": " + many + "]}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("channelIds"));
        String channel = api("/api/v1/channels", "{\"name\": \"ops\", \"url\": \"http://127.0.0.1:9/hook\"}")
            .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = this.json.readTree(channel).get("id").asLong();
        api("/api/v1/alert-rules", rule.formatted("[" + id + "]")).andExpect(status().isCreated());
        api("/api/v1/budgets", "{\"name\": \"b\", \"amount\": 100, \"channelIds\": [" + id + ", 424242]}")
            .andExpect(status().isBadRequest());
    }

    @Test
    void budgetThresholdsAreBoundedAndTheFormKeepsWhatWasTyped() throws Exception {
        api("/api/v1/budgets", "{\"name\": \"b\", \"amount\": 100, \"thresholds\": [{\"kind\": \"ACTUAL\", "
                + "\"value\": 1e308, \"unit\": \"ABSOLUTE\"}]}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("thresholds[0].value"));
        api("/api/v1/budgets", "{\"name\": \"b\", \"amount\": \"abc\"}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("amount"))
            .andExpect(jsonPath("$.errors[0].message").value(not(containsString("java"))));
        this.mvc.perform(post("/costs/budgets").param("name", "Team budget").param("amount", "abc")
            .param("startsOn", "2026-02-31").param("severity", "LOUD").param("thresholds[0].kind", "ACTUAL")
            .param("thresholds[0].value", "80"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("value=\"Team budget\"")))
            .andExpect(content().string(containsString("value=\"2026-02-31\"")))
            .andExpect(content().string(containsString("must be a number")))
            .andExpect(content().string(containsString("must be a date such as 2026-12-31")))
            .andExpect(content().string(not(containsString("java.math"))));
        this.mvc.perform(post("/costs/budgets").param("name", "x").param("amount", "10")
            .param("thresholds[300].kind", "ACTUAL"))
            .andExpect(status().isBadRequest());
    }

    @Test
    void aChannelUrlIsCheckedAtInputAndShownWithoutUserInfoQueryOrPath() throws Exception {
        String created = api("/api/v1/channels", "{\"name\": \"hook\", \"url\": "
                + "\"http://robot:pass-word-123@127.0.0.1:9/hooks/T00/abcdefgh?token=qs-secret-456\"}")
            .andExpect(status().isCreated())
            .andReturn().getResponse().getContentAsString();
        assertThat(this.json.readTree(created).get("url").asString()).isEqualTo("http://127.0.0.1:9/…efgh");
        for (String shown : new String[] {
                this.mvc.perform(get("/api/v1/channels").with(user("v").roles("VIEWER")))
                    .andReturn().getResponse().getContentAsString(),
                this.mvc.perform(get("/channels").with(user("v").roles("VIEWER")))
                    .andReturn().getResponse().getContentAsString() }) {
            assertThat(shown).contains("http://127.0.0.1:9/…efgh").doesNotContain("pass-word-123")
                .doesNotContain("robot").doesNotContain("qs-secret-456").doesNotContain("hooks/T00");
        }
        // a viewer is offered no channel actions
        this.mvc.perform(get("/channels").with(user("v").roles("VIEWER")))
            .andExpect(content().string(not(containsString("Send test"))))
            .andExpect(content().string(not(containsString("Add channel"))));
        api("/api/v1/channels", "{\"name\": \"bad\", \"url\": \"http://127.0.0.1:9/a b|c\"}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("url"));
        api("/api/v1/channels", "{\"name\": \"bad\", \"url\": \"http:///no-host\"}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("url"));
    }

    private ResultActions silence(String body, String role) throws Exception {
        String[] roles = role.equals("ADMIN") ? new String[] { "VIEWER", "OPERATOR", "ADMIN" }
                : new String[] { "VIEWER", "OPERATOR" };
        return this.mvc.perform(post("/api/v1/silences").with(user("someone").roles(roles))
            .contentType(MediaType.APPLICATION_JSON)
            .content(body.replace("{", "{\"createdBy\": \"ana\", \"comment\": \"maintenance\", ")));
    }

    private ResultActions token(String body) throws Exception {
        return api("/api/v1/tokens", body);
    }

    private ResultActions newUser(String body) throws Exception {
        return api("/api/v1/users", body);
    }

    private ResultActions api(String path, String body) throws Exception {
        return this.mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
