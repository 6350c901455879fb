package dev.lambdalens.security;

import java.time.Duration;
import java.time.Instant;

import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Security as it is, without the tests' default admin: tokens, CSRF, sign-in and its rate limit, secrets, audit.
 */
@SpringBootTest(properties = "lambdalens.test.signed-in=false")
@AutoConfigureMockMvc
@AutoConfigureMetrics
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class SecurityTests {

    static final String BOOTSTRAP = "Bearer test-bootstrap-token-0123456789abcdef0123456789";

    static final String SECRET_PATH = "T0001/B0002/SECRETxyzPATH9876";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void anonymousApiCallsGet401ProblemsAndPagesTheSignInPage() throws Exception {
        this.mvc.perform(get("/api/v1/functions"))
            .andExpect(status().isUnauthorized())
            .andExpect(header().string("WWW-Authenticate", "Bearer"))
            .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
            .andExpect(jsonPath("$.status").value(401));
        this.mvc.perform(get("/costs")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        this.mvc.perform(get("/login")).andExpect(status().isOk());
        this.mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        this.mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        this.mvc.perform(get("/actuator/prometheus").header("Authorization", BOOTSTRAP)).andExpect(status().isOk());
    }

    @Test
    void aTokenCarriesItsRoleUntilItExpiresOrIsRevoked() throws Exception {
        JsonNode created = this.json.readTree(this.mvc.perform(post("/api/v1/tokens").header("Authorization", BOOTSTRAP)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"grafana\", \"role\": \"VIEWER\", \"expiresAt\": \""
                    + this.clock.instant().plus(Duration.ofDays(1)) + "\"}"))
            .andExpect(status().isCreated())
            .andReturn().getResponse().getContentAsString());
        String token = "Bearer " + created.get("value").asString();
        long id = created.get("token").get("id").asLong();
        assertThat(created.get("value").asString()).startsWith("llt_").hasSize(47);
        // shown once: the list has only a prefix, and the database only a hash
        this.mvc.perform(get("/api/v1/tokens").header("Authorization", BOOTSTRAP))
            .andExpect(content().string(not(containsString(created.get("value").asString()))));
        assertThat(this.jdbc.sql("select token_hash from api_token where id = ?").param(id).query(String.class).single())
            .isEqualTo(ApiTokens.sha256(created.get("value").asString()));

        this.mvc.perform(get("/api/v1/functions").header("Authorization", token)).andExpect(status().isOk());
        this.mvc.perform(post("/api/v1/alert-rules").header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON).content("{}"))
            .andExpect(status().isForbidden())
            .andExpect(jsonPath("$.status").value(403));

        this.clock.advance(Duration.ofDays(2));
        try {
            this.mvc.perform(get("/api/v1/functions").header("Authorization", token)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(containsString("expired")));
        }
        finally {
            this.clock.advance(Duration.ofDays(-2));
        }
        this.mvc.perform(get("/api/v1/functions").header("Authorization", token)).andExpect(status().isOk());
        this.mvc.perform(delete("/api/v1/tokens/" + id).header("Authorization", BOOTSTRAP))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.revokedAt").isNotEmpty());
        this.mvc.perform(get("/api/v1/functions").header("Authorization", token)).andExpect(status().isUnauthorized());
        this.mvc.perform(get("/api/v1/functions").header("Authorization", "Bearer llt_made-up"))
            .andExpect(status().isUnauthorized());
    }

    @Test
    void aFormPostWithoutItsCsrfTokenIsRefused() throws Exception {
        this.mvc.perform(post("/alerts/silences").with(user("ops").roles("VIEWER", "OPERATOR"))
            .param("createdBy", "ops").param("comment", "deploy").param("endsAt", "2026-11-28T18:00"))
            .andExpect(status().isForbidden());
        this.mvc.perform(post("/alerts/silences").with(user("ops").roles("VIEWER", "OPERATOR")).with(csrf())
            .param("region", "us-east-1").param("createdBy", "ops").param("comment", "deploy").param("endsAt", "2026-11-28T18:00"))
            .andExpect(status().isFound());
    }

    @Test
    void signInWorksAndIsRateLimitedWithAClearMessage() throws Exception {
        this.mvc.perform(post("/login").with(csrf()).with(from("10.0.0.1"))
            .param("username", "admin").param("password", "test-admin-password"))
            .andExpect(status().isFound())
            .andExpect(redirectedUrl("/"));
        for (int i = 0; i < 5; i++) {
            this.mvc.perform(post("/login").with(csrf()).with(from("10.0.0.2"))
                .param("username", "admin").param("password", "guess-" + i))
                .andExpect(redirectedUrl("/login?error"));
        }
        // the sixth attempt from that address is refused before the password is looked at, even a right one
        var refused = this.mvc.perform(post("/login").with(csrf()).with(from("10.0.0.2"))
            .param("username", "nobody").param("password", "test-admin-password"))
            .andExpect(redirectedUrl("/login?error"))
            .andReturn();
        // the reason lives in the session (in the database): the sign-in page reads it back through the cookie
        this.mvc.perform(get("/login").param("error", "").cookie(refused.getResponse().getCookie("SESSION")))
            .andExpect(content().string(containsString("Too many failed sign-ins: try again in 15 minutes.")));
        // the admin, from elsewhere, is locked too: five failures of one username
        this.mvc.perform(post("/login").with(csrf()).with(from("10.0.0.3"))
            .param("username", "admin").param("password", "test-admin-password"))
            .andExpect(redirectedUrl("/login?error"));
        this.clock.advance(Duration.ofMinutes(16));
        try {
            this.mvc.perform(post("/login").with(csrf()).with(from("10.0.0.3"))
                .param("username", "admin").param("password", "test-admin-password"))
                .andExpect(redirectedUrl("/"));
        }
        finally {
            this.clock.advance(Duration.ofMinutes(-16));
        }
    }

    @Test
    void secretsAreEncryptedAtRestMaskedInAnswersAndNeverLogged(CapturedOutput output) throws Exception {
        String url = "http://127.0.0.1:9/services/" + SECRET_PATH;
        JsonNode channel = this.json.readTree(this.mvc.perform(post("/api/v1/channels").header("Authorization", BOOTSTRAP)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"ops\", \"type\": \"SLACK\", \"url\": \"" + url + "\", \"secret\": \"hmac-secret-42\"}"))
            .andExpect(status().isCreated())
            .andReturn().getResponse().getContentAsString());
        assertThat(channel.get("url").asString()).isEqualTo("http://127.0.0.1:9/…9876");
        long id = channel.get("id").asLong();
        this.mvc.perform(get("/api/v1/channels").header("Authorization", BOOTSTRAP))
            .andExpect(content().string(not(containsString(SECRET_PATH))))
            .andExpect(content().string(not(containsString("hmac-secret-42"))));
        this.mvc.perform(get("/channels").with(user("admin").roles("VIEWER", "OPERATOR", "ADMIN")))
            .andExpect(content().string(not(containsString(SECRET_PATH))));
        String stored = this.jdbc.sql("select url from channel where id = ?").param(id).query(String.class).single();
        String storedSecret = this.jdbc.sql("select secret from channel where id = ?").param(id).query(String.class)
            .single();
        assertThat(stored).startsWith("enc:v1:").doesNotContain(SECRET_PATH);
        assertThat(storedSecret).startsWith("enc:v1:").doesNotContain("hmac-secret-42");
        // a failing test send: the error is reported, the URL is not logged
        this.mvc.perform(post("/api/v1/channels/" + id + "/test").header("Authorization", BOOTSTRAP))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.delivered").value(false));
        assertThat(output.getAll()).doesNotContain(SECRET_PATH).doesNotContain("hmac-secret-42");
        // and the audit log has the masked URL only
        this.mvc.perform(get("/api/v1/audit").param("entityType", "channel").header("Authorization", BOOTSTRAP))
            .andExpect(content().string(containsString("…9876")))
            .andExpect(content().string(not(containsString(SECRET_PATH))));
    }

    @Test
    void everyChangeIsAuditedWithWhoAndTheBeforeAndAfter() throws Exception {
        String rule = this.mvc.perform(post("/api/v1/alert-rules").header("Authorization", BOOTSTRAP)
            .contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "Errors", "signal": "ERROR_RATE", "comparison": "GREATER_THAN_THRESHOLD", "threshold": 5,
                 "periodSeconds": 60, "evaluationPeriods": 1, "datapointsToAlarm": 1}"""))
            .andExpect(status().isCreated())
            .andReturn().getResponse().getHeader("Location");
        this.mvc.perform(put(rule).header("Authorization", BOOTSTRAP).contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "Errors", "signal": "ERROR_RATE", "comparison": "GREATER_THAN_THRESHOLD", "threshold": 10,
                 "periodSeconds": 60, "evaluationPeriods": 1, "datapointsToAlarm": 1}"""))
            .andExpect(status().isOk());
        this.mvc.perform(delete(rule).header("Authorization", BOOTSTRAP)).andExpect(status().isNoContent());
        this.mvc.perform(post("/api/v1/users").header("Authorization", BOOTSTRAP).contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\": \"ana\", \"password\": \"a-long-password-1\", \"role\": \"OPERATOR\"}"))
            .andExpect(status().isCreated());
        this.mvc.perform(post("/api/v1/budgets").header("Authorization", BOOTSTRAP).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"All\", \"amount\": 100}"))
            .andExpect(status().isCreated());
        JsonNode audit = this.json.readTree(this.mvc.perform(get("/api/v1/audit").header("Authorization", BOOTSTRAP))
            .andReturn().getResponse().getContentAsString());
        String ruleId = rule.substring(rule.lastIndexOf('/') + 1);
        JsonNode changed = null;
        int ruleRows = 0;
        for (JsonNode row : audit) {
            if (row.get("entityType").asString().equals("rule") && row.get("entityId").asString().equals(ruleId)) {
                ruleRows++;
                assertThat(row.get("actor").asString()).isEqualTo("token:" + ApiTokens.BOOTSTRAP_NAME);
                if (row.get("action").asString().equals("CHANGED")) {
                    changed = row;
                }
            }
            if (row.get("entityType").asString().equals("user")) {
                assertThat(row.toString()).doesNotContain("a-long-password-1").doesNotContain("bcrypt");
            }
        }
        assertThat(ruleRows).isEqualTo(3);
        assertThat(changed.get("before").asString()).contains("\"threshold\":5.0");
        assertThat(changed.get("after").asString()).contains("\"threshold\":10.0");
        assertThat(audit.toString()).contains("\"entityType\":\"budget\"", "\"entityType\":\"user\"");
        this.mvc.perform(get("/settings/audit").with(user("admin").roles("VIEWER", "OPERATOR", "ADMIN")))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("token:bootstrap (environment)")));
    }

    @Test
    void theFirstAdminsPasswordIsStoredOnlyAsAStrongHash() {
        String hash = this.jdbc.sql("select password_hash from app_user where username = 'admin'").query(String.class)
            .single();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("test-admin-password");
    }

    @Test
    void theLastAdminCannotBeDemoted() throws Exception {
        long id = this.jdbc.sql("select id from app_user where username = 'admin'").query(Long.class).single();
        this.mvc.perform(put("/api/v1/users/" + id).header("Authorization", BOOTSTRAP)
            .contentType(MediaType.APPLICATION_JSON).content("{\"role\": \"VIEWER\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("role"));
    }

    private static RequestPostProcessor from(String address) {
        return (request) -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
        }
    }
}
