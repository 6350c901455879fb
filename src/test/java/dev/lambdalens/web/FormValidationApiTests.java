package dev.lambdalens.web;

import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.DemoDataConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The checks the forms explain next to their fields hold for the REST API too: a 400 naming the field in plain words,
 * never a 500, nothing stored.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
class FormValidationApiTests {

    private static final String RULE = """
            {"name": "%s", "signal": "METRIC", "metric": "%s", "statistic": "%s", "scope": "%s", "scopeValue": %s,
             "region": %s, "comparison": "GREATER_THAN_THRESHOLD", "threshold": 1, "periodSeconds": 60,
             "evaluationPeriods": %d, "datapointsToAlarm": %d, "channelIds": %s}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    DemoData demoData;

    @BeforeEach
    void collect() {
        this.demoData.collectOnce();
    }

    @Test
    void shouldRefuseARuleOnAFunctionTheInventoryDoesNotHave() throws Exception {
        api("/api/v1/alert-rules", rule("Typo", "FUNCTION", "\"image-resiser\"", "\"us-east-1\"", 1, 1, "[]"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("scopeValue"))
            .andExpect(jsonPath("$.errors[0].message")
                .value(containsString("there is no function named 'image-resiser' in us-east-1")));
        // nowhere, when no region is named
        api("/api/v1/alert-rules", rule("Anywhere", "FUNCTION", "\"image-resiser\"", "null", 1, 1, "[]"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].message").value(containsString("no function named 'image-resiser':")));
        // a region not discovered yet: nothing to judge by, taken as it is
        api("/api/v1/alert-rules", rule("Elsewhere", "FUNCTION", "\"image-resizer\"", "\"ap-south-1\"", 1, 1, "[]"))
            .andExpect(status().isCreated());
        api("/api/v1/alert-rules", rule("Resizer", "FUNCTION", "\"image-resizer\"", "\"us-east-1\"", 1, 1, "[]"))
            .andExpect(status().isCreated());
        // a pattern watches functions yet to be deployed: not checked against the inventory
        api("/api/v1/alert-rules", rule("Future", "NAME_PATTERN", "\"billing-*\"", "null", 1, 1, "[]"))
            .andExpect(status().isCreated());
    }

    @Test
    void shouldNameTheFieldInPlainWordsWhenAConditionDoesNotHoldTogether() throws Exception {
        api("/api/v1/alert-rules", rule("Four of three", "ALL", "null", "null", 3, 4, "[]"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("datapointsToAlarm"))
            .andExpect(jsonPath("$.errors[0].message").value("must be between 1 and the evaluation periods (3)"));
        api("/api/v1/alert-rules", RULE.formatted("Average throttles", "Throttles", "Average", "ALL", "null", "null", 1,
                1, "[]"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("statistic"))
            .andExpect(jsonPath("$.errors[0].message").value("Average is not collected for Throttles: choose Sum"));
        api("/api/v1/alert-rules", RULE.formatted("Long", "Throttles", "Sum", "ALL", "null", "null", 1441, 1, "[]")
            .replace("\"periodSeconds\": 60", "\"periodSeconds\": 120"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("evaluationPeriods"));
    }

    @Test
    void shouldRefuseAChannelGivenByItsNameNamingTheField() throws Exception {
        api("/api/v1/alert-rules", rule("By name", "ALL", "null", "null", 1, 1, "[\"payments on-call\"]"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.detail").value(containsString("channelIds")))
            .andExpect(jsonPath("$.detail").value(not(containsString("java."))));
    }

    @Test
    void shouldAnswerThePreviewOfAHalfTypedRuleWithANoteNeverAnError() throws Exception {
        this.mvc.perform(get("/alerts/rules/preview").param("name", "x").param("signal", "ERROR_RATE")
            .param("threshold", "abc").param("comparison", "GREATER_THAN_THRESHOLD").param("periodSeconds", "60")
            .param("evaluationPeriods", "5").param("datapointsToAlarm", "3"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.note").value("No preview until the threshold can be read."));
        this.mvc.perform(get("/alerts/rules/preview").param("name", "x").param("signal", "ERROR_RATE")
            .param("threshold", "1").param("comparison", "GREATER_THAN_THRESHOLD").param("periodSeconds", "60")
            .param("evaluationPeriods", "5").param("datapointsToAlarm", "6"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.note").value(containsString("must be between 1 and the evaluation periods (5)")));
        this.mvc.perform(get("/alerts/rules/preview").param("name", "x").param("signal", "ERROR_RATE")
            .param("threshold", "1").param("comparison", "GREATER_THAN_THRESHOLD").param("periodSeconds", "300")
            .param("evaluationPeriods", "3").param("datapointsToAlarm", "2"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.note").value(org.hamcrest.Matchers.nullValue()))
            .andExpect(jsonPath("$.periodSeconds").value(300))
            .andExpect(jsonPath("$.points.length()").value(288))
            .andExpect(jsonPath("$.summary").value(containsString("Over the last day")));
    }

    private static String rule(String name, String scope, String scopeValue, String region, int n, int m,
            String channels) {
        return RULE.formatted(name, "Throttles", "Sum", scope, scopeValue, region, n, m, channels);
    }

    private ResultActions api(String path, String body) throws Exception {
        return this.mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
