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
        assertThat(html).contains("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/static/js/overview.js");
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
