package dev.lambdalens.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every endpoint of the application, walked as anonymous, VIEWER, OPERATOR and ADMIN. The table below says who may
 * use each; an endpoint the application serves without an entry here fails the test, so nothing new is ever
 * reachable by accident.
 */
@SpringBootTest(properties = "lambdalens.test.signed-in=false")
@AutoConfigureMockMvc
class EndpointSecurityTests {

    enum Access {
        PUBLIC, VIEWER, OPERATOR, ADMIN,
        /** Firehose's own access key, whatever the user: without the key, 401 for everyone. */
        FIREHOSE_KEY
    }

    /** Who may use what. Reading is for viewers; acknowledging and silencing for operators; changing for admins. */
    static final Map<String, Access> EXPECTED = new LinkedHashMap<>();

    static {
        // sign-in, static assets, health
        expect(Access.PUBLIC, "GET /login", "GET /actuator/health", "GET /static/css/lambdalens.css", "GET /static/js/charts.js", "GET /static/js/pages.js",
                "GET /static/favicon.svg");
        // pages
        expect(Access.VIEWER, "GET /", "GET /functions/{region}/{name}", "GET /collector", "GET /alerts",
                "GET /alerts/{id}", "GET /alerts/rules/preview", "GET /alerts/silences", "GET /channels", "GET /channels/deliveries", "GET /costs", "GET /insights", "GET /errors", "GET /errors/{id}",
                "GET /provisioning", "GET /live");
        expect(Access.ADMIN, "GET /alerts/rules/new", "GET /alerts/rules/{id}/edit", "GET /alerts/rules/{id}/delete", "POST /alerts/rules",
                "POST /alerts/rules/{id}", "POST /alerts/rules/{id}/delete", "POST /channels",
                "POST /channels/{id}/test", "POST /channels/{id}/delete", "GET /costs/budgets/new",
                "GET /costs/budgets/{id}/edit", "POST /costs/budgets", "POST /costs/budgets/{id}",
                "POST /costs/budgets/{id}/delete", "POST /insights/alert-rules", "GET /settings",
                "POST /settings/users", "POST /settings/users/{id}", "POST /settings/users/{id}/delete",
                "POST /settings/tokens", "POST /settings/tokens/{id}/revoke", "GET /settings/audit");
        expect(Access.OPERATOR, "POST /alerts/{id}/ack", "POST /alerts/{id}/silence", "POST /alerts/silences", "POST /alerts/silences/{id}/expire");
        // API
        expect(Access.VIEWER, "GET /api/v1/functions", "GET /api/v1/functions/{region}/{name}",
                "GET /api/v1/functions/{region}/{name}/changes", "GET /api/v1/functions/{region}/{name}/rollouts",
                "GET /api/v1/series",
                "GET /api/v1/series/batch",
                "GET /api/v1/collector/status", "GET /api/v1/alert-rules", "GET /api/v1/alert-rules/{id}",
                "GET /api/v1/alerts", "GET /api/v1/alerts/{id}/history", "GET /api/v1/alerts/{id}/signal", "GET /api/v1/silences",
                "GET /api/v1/channels", "GET /api/v1/deliveries", "GET /api/v1/costs", "GET /api/v1/budgets",
                "GET /api/v1/budgets/{id}", "GET /api/v1/insights", "GET /api/v1/headroom", "GET /api/v1/prometheus",
                "GET /api/v1/alerts/history", "GET /api/v1/costs/daily", "GET /api/v1/provisioning",
                "GET /api/v1/provisioning/export");
        expect(Access.OPERATOR, "POST /api/v1/alerts/{id}/ack", "POST /api/v1/silences", "DELETE /api/v1/silences/{id}");
        expect(Access.ADMIN, "POST /api/v1/alert-rules", "PUT /api/v1/alert-rules/{id}",
                "DELETE /api/v1/alert-rules/{id}", "POST /api/v1/channels", "DELETE /api/v1/channels/{id}",
                "POST /api/v1/channels/{id}/test", "POST /api/v1/budgets", "PUT /api/v1/budgets/{id}",
                "DELETE /api/v1/budgets/{id}", "GET /api/v1/users", "POST /api/v1/users", "PUT /api/v1/users/{id}",
                "DELETE /api/v1/users/{id}", "GET /api/v1/tokens", "POST /api/v1/tokens", "DELETE /api/v1/tokens/{id}",
                "GET /api/v1/audit");
        // Metric Streams: Kinesis Data Firehose with its access key
        expect(Access.FIREHOSE_KEY, "POST /api/v1/metric-streams/firehose", "POST /api/v1/logs/firehose");
        // actuator and the API's own description
        expect(Access.VIEWER, "GET /actuator/info", "GET /actuator/prometheus", "GET /v3/api-docs",
                "GET /swagger-ui.html");
    }

    /** Served by filters or other handler mappings than the controllers', so listed here rather than discovered. */
    static final Set<String> NOT_CONTROLLERS = Set.of("GET /actuator/health", "GET /actuator/info",
            "GET /actuator/prometheus", "GET /v3/api-docs", "GET /swagger-ui.html", "GET /static/css/lambdalens.css",
            "GET /static/js/charts.js", "GET /static/js/pages.js", "GET /static/favicon.svg");

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointTheApplicationServesHasAnEntry() {
        Set<String> served = new TreeSet<>();
        for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error") || pattern.startsWith("/v3/api-docs") || pattern.startsWith("/swagger-ui")) {
                    continue; // Boot's error page and springdoc's own, covered below through their entry points
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    served.add(method + " " + pattern);
                }
            }
        }
        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(EXPECTED.keySet());
        assertThat(missing).as("endpoints without an entry in EndpointSecurityTests.EXPECTED").isEmpty();
        Set<String> stale = new TreeSet<>(EXPECTED.keySet());
        stale.removeAll(served);
        stale.removeAll(NOT_CONTROLLERS);
        assertThat(stale).as("entries for endpoints the application no longer serves").isEmpty();
    }

    @Test
    void everyEndpointAnswersEachRoleAsTheTableSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Access> entry : EXPECTED.entrySet()) {
            for (Access as : List.of(Access.PUBLIC, Access.VIEWER, Access.OPERATOR, Access.ADMIN)) {
                String outcome = check(entry.getKey(), entry.getValue(), as);
                if (outcome != null) {
                    wrong.add(outcome);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** {@code null} when the answer is as expected, otherwise what went wrong. */
    private String check(String endpoint, Access required, Access as) throws Exception {
        String[] parts = endpoint.split(" ", 2);
        HttpMethod method = HttpMethod.valueOf(parts[0]);
        String path = parts[1].replace("{region}", "us-east-1").replace("{name}", "orders-api").replace("{id}", "987654");
        MockHttpServletRequestBuilder request = request(method, path).with(csrf());
        if (method == HttpMethod.POST || method == HttpMethod.PUT) {
            if (path.startsWith("/api/")) {
                request.contentType(MediaType.APPLICATION_JSON).content("{}");
            }
        }
        if (as != Access.PUBLIC) {
            List<String> roles = new ArrayList<>();
            for (Access role : List.of(Access.VIEWER, Access.OPERATOR, Access.ADMIN)) {
                if (role.ordinal() <= as.ordinal()) {
                    roles.add(role.name());
                }
            }
            request.with(user("someone-" + as).roles(roles.toArray(String[]::new)));
        }
        MvcResult result = this.mvc.perform(request).andReturn();
        int status = result.getResponse().getStatus();
        String location = result.getResponse().getHeader("Location");
        boolean api = path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/");
        boolean allowed = required == Access.PUBLIC || (as != Access.PUBLIC && as.ordinal() >= required.ordinal());
        String seen = endpoint + " as " + as + ": " + status + ((location != null) ? " -> " + location : "");
        if (required == Access.FIREHOSE_KEY) {
            return (status == 401 || status == 404) ? null : seen + " (should need the Firehose access key)";
        }
        if (allowed) {
            boolean refused = status == 401 || status == 403
                    || (status == 302 && location != null && location.endsWith("/login"));
            return refused ? seen + " (should be allowed)" : null;
        }
        if (as == Access.PUBLIC) {
            boolean challenged = api ? status == 401
                    : (status == 302 && location != null && location.endsWith("/login"));
            return challenged ? null : seen + " (should ask to sign in)";
        }
        return (status == 403) ? null : seen + " (should be 403)";
    }

    private static void expect(Access access, String... endpoints) {
        for (String endpoint : endpoints) {
            EXPECTED.put(endpoint, access);
        }
    }
}
