package dev.lambdalens.web;

import dev.lambdalens.testing.DemoDataConfiguration;
import dev.lambdalens.testing.DemoData;
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
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
class ApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    DemoData demoData;

    @BeforeEach
    void collect() {
        this.demoData.collectOnce();
    }

    @Test
    void shouldListEveryFunctionWithItsConfiguration() throws Exception {
        this.mvc.perform(get("/api/v1/functions"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$", hasSize(18)))
            .andExpect(jsonPath("$[?(@.name == 'image-resizer')].reservedConcurrency").value(20))
            .andExpect(jsonPath("$[?(@.name == 'image-resizer')].architecture").value("x86_64"))
            .andExpect(jsonPath("$[?(@.name == 'image-resizer')].tags.team").value("media"))
            .andExpect(jsonPath("$[*].state", everyItem(is("active"))));
    }

    @Test
    void shouldShowOneFunctionWithItsLatestFigures() throws Exception {
        this.mvc.perform(get("/api/v1/functions/us-east-1/image-resizer"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.arn").value("arn:aws:lambda:us-east-1:123456789012:function:image-resizer"))
            .andExpect(jsonPath("$.lastHour.invocations", greaterThanOrEqualTo(1.0)))
            .andExpect(jsonPath("$.lastHour.peakConcurrency").value(20.0));
    }

    @Test
    void shouldAnswerAnUnknownFunctionWith404Problem() throws Exception {
        problem(this.mvc.perform(get("/api/v1/functions/us-east-1/nope")), 404)
            .andExpect(jsonPath("$.detail").value(containsString("nope")));
    }

    @Test
    void shouldServeASeriesAtTheRequestedStepWithoutInventedPoints() throws Exception {
        this.mvc
            .perform(get("/api/v1/series").param("metric", "Invocations")
                .param("region", "us-east-1")
                .param("function", "nightly-report")
                .param("from", "2026-11-28T09:00:00Z")
                .param("to", "2026-11-28T10:00:00Z"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.metric").value("Invocations"))
            .andExpect(jsonPath("$.statistic").value("Sum"))
            .andExpect(jsonPath("$.unit").value("Count"))
            .andExpect(jsonPath("$.step").value(60))
            // the cron job runs 8 minutes an hour: 8 points, not 60
            .andExpect(jsonPath("$.points", hasSize(8)))
            .andExpect(jsonPath("$.points[0][0]").value(1795856400));
    }

    @Test
    void shouldChooseACoarserStepForALongRange() throws Exception {
        this.mvc
            .perform(get("/api/v1/series").param("metric", "ConcurrentExecutions")
                .param("region", "us-east-1")
                .param("from", "2026-10-29T12:00:00Z")
                .param("to", "2026-11-28T12:00:00Z"))
            .andExpect(status().isOk())
            // beyond a week, whole hours: what the hourly rollups hold once minutes are past their retention
            .andExpect(jsonPath("$.step").value(3600))
            .andExpect(jsonPath("$.function").value(nullValue()))
            .andExpect(jsonPath("$.points.length()", not(greaterThanOrEqualTo(1441))));
    }

    @Test
    void shouldReportCollectorStatusPerRegion() throws Exception {
        this.mvc.perform(get("/api/v1/collector/status"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.source").value("demo"))
            .andExpect(jsonPath("$.estimatedMonthlyCostUsd", greaterThanOrEqualTo(2.0)))
            // eu-west-1: 7 functions x 8 series, and upload-scanner's 3 asynchronous ones, its destination's and recursion
            .andExpect(jsonPath("$.regions[0].activeFunctionSeries").value(61))
            .andExpect(jsonPath("$.regions", hasSize(2)))
            .andExpect(jsonPath("$.regions[*].health", everyItem(is("OK"))))
            .andExpect(jsonPath("$.regions[0].samplesStored", greaterThanOrEqualTo(1000)));
    }

    @Test
    void shouldDescribeTheApiInOpenApi() throws Exception {
        this.mvc.perform(get("/v3/api-docs"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.info.title").value("LambdaLens API"))
            .andExpect(jsonPath("$.paths['/api/v1/series']").exists())
            .andExpect(jsonPath("$.paths['/api/v1/functions/{region}/{name}']").exists())
            .andExpect(jsonPath("$.paths['/api/v1/collector/status']").exists());
    }

    private static ResultActions problem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.status").value(status))
            .andExpect(content().string(not(containsString("Exception"))));
    }
}
