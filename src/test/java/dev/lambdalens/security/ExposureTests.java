package dev.lambdalens.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each caller is shown, over real HTTP (so the servlet container's error handling takes part): health says UP
 * or DOWN to anyone and its details to a signed-in caller; anonymous API calls, reads and writes, are 401 problems
 * with {@code WWW-Authenticate: Bearer}; a page refused to a role is an HTML page in the layout, whatever the client
 * accepts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lambdalens.test.signed-in=false")
@AutoConfigureRestTestClient
class ExposureTests {

    static final String BOOTSTRAP = "Bearer test-bootstrap-token-0123456789abcdef0123456789";

    @Autowired
    RestTestClient http;

    @Autowired
    JsonMapper json;

    String viewer;

    @BeforeEach
    void viewerToken() {
        String created = this.http.post().uri("/api/v1/tokens").header("Authorization", BOOTSTRAP)
            .contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"viewer\", \"role\": \"VIEWER\"}")
            .exchange().expectStatus().isCreated()
            .expectBody(String.class).returnResult().getResponseBody();
        this.viewer = "Bearer " + this.json.readTree(created).get("value").asString();
    }

    @Test
    void publicHealthSaysOnlyUpOrDown() {
        String anonymous = this.http.get().uri("/actuator/health").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        // the status, and at most the names of the probe groups (liveness, readiness)
        assertThat(this.json.readTree(anonymous).propertyNames()).contains("status").isSubsetOf("status", "groups");
        assertThat(this.json.readTree(anonymous).get("status").asString()).isEqualTo("UP");
        assertThat(anonymous).doesNotContain("123456789012").doesNotContain("us-east-1").doesNotContain("H2")
            .doesNotContain("diskSpace");
        this.http.get().uri("/actuator/health").header("Authorization", this.viewer).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.components.db.status").isEqualTo("UP")
            .jsonPath("$.components.collector").exists();
    }

    @Test
    void anonymousApiReadsAndWritesAre401ProblemsNotCsrfRefusals() {
        for (String method : new String[] { "GET", "POST", "PUT", "DELETE" }) {
            this.http.method(org.springframework.http.HttpMethod.valueOf(method)).uri("/api/v1/alert-rules/1")
                .contentType(MediaType.APPLICATION_JSON).body("{}")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        this.http.post().uri("/api/v1/alert-rules").contentType(MediaType.APPLICATION_JSON).body("{}").exchange()
            .expectStatus().isUnauthorized();
        // a viewer is signed in: refused by role, as a problem
        this.http.post().uri("/api/v1/alert-rules").header("Authorization", this.viewer)
            .contentType(MediaType.APPLICATION_JSON).body("{}").exchange()
            .expectStatus().isForbidden()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aViewerOpeningAnAdminPageGetsAnHtml403InTheLayout() {
        for (MediaType accept : new MediaType[] { MediaType.ALL, MediaType.APPLICATION_JSON, MediaType.TEXT_HTML }) {
            String page = this.http.get().uri("/settings").header("Authorization", this.viewer).accept(accept)
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
            assertThat(page).contains("λ LambdaLens", "Not allowed", "Your role does not allow this");
        }
        this.http.post().uri("/alerts/rules").header("Authorization", this.viewer).exchange()
            .expectStatus().isForbidden()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
    }

    @Test
    void theErrorPathCalledDirectlyIsAnOrdinaryNotFound() {
        this.http.get().uri("/error").exchange().expectStatus().isNotFound()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        this.http.get().uri("/error").header("Authorization", this.viewer).accept(MediaType.APPLICATION_JSON)
            .exchange().expectStatus().isNotFound();
        this.http.get().uri("/no-such-page").header("Authorization", this.viewer).accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        this.http.get().uri("/api/v1/no-such-thing").header("Authorization", this.viewer).exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
