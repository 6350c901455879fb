package dev.lambdalens.metrics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureJdbc;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureDataSourceInitialization;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /api/v1/series} in a web slice over the real store (H2, migrated by Flyway): its answers, and a 400
 * naming the parameter for every kind of bad request.
 */
@WebMvcTest(SeriesApiController.class)
@org.springframework.security.test.context.support.WithMockUser(roles = "VIEWER")
@AutoConfigureJdbc
@AutoConfigureDataSourceInitialization
@Import({ SeriesQueries.class, SeriesCatalog.class, SampleStore.class, SampleChanges.class,
        SeriesApiControllerTests.FixedClock.class })
class SeriesApiControllerTests {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:30Z");

    static final long T0 = Instant.parse("2026-11-28T11:00:00Z").getEpochSecond();

    static final SeriesKey THROTTLES = SeriesKey.ofFunction("123456789012", "us-east-1", "image-resizer",
            LambdaMetric.THROTTLES, Statistic.SUM);

    static final SeriesKey CONCURRENCY = SeriesKey.ofAccount("123456789012", "us-east-1",
            LambdaMetric.CONCURRENT_EXECUTIONS, Statistic.MAXIMUM);

    @Autowired
    MockMvc mvc;

    @Autowired
    SampleStore store;

    @BeforeEach
    void store() {
        // minutes 0..59 except 10..19, where the function was idle and CloudWatch has no datapoint
        List<Point> throttles = IntStream.range(0, 60)
            .filter((m) -> m < 10 || m >= 20)
            .mapToObj((m) -> new Point(T0 + m * 60L, m))
            .toList();
        List<Point> concurrency = IntStream.range(0, 60).mapToObj((m) -> new Point(T0 + m * 60L, 100 + m)).toList();
        this.store.upsert(Map.of(THROTTLES, throttles, CONCURRENCY, concurrency));
    }

    @Test
    void shouldAnswerTheLastHourByDefaultWithoutInventingTheIdleMinutes() throws Exception {
        series("metric", "Throttles", "region", "us-east-1", "function", "image-resizer")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.metric").value("Throttles"))
            .andExpect(jsonPath("$.statistic").value("Sum"))
            .andExpect(jsonPath("$.unit").value("Count"))
            .andExpect(jsonPath("$.account").value("123456789012"))
            .andExpect(jsonPath("$.step").value(60))
            .andExpect(jsonPath("$.points", hasSize(50)))
            .andExpect(jsonPath("$.points[10][0]").value(T0 + 20 * 60))
            .andExpect(jsonPath("$.points[10][1]").value(20.0));
    }

    @Test
    void shouldRollUpWithTheStatisticsOwnRuleAtACoarserStep() throws Exception {
        series("metric", "Throttles", "region", "us-east-1", "function", "image-resizer", "step", "1800")
            .andExpect(jsonPath("$.points", hasSize(2)))
            .andExpect(jsonPath("$.points[0][1]").value(45.0 + 245)) // 0..9 and 20..29
            .andExpect(jsonPath("$.points[1][1]").value(1335.0)); // 30..59
        series("metric", "ConcurrentExecutions", "region", "us-east-1", "step", "1800")
            .andExpect(jsonPath("$.function").doesNotExist())
            .andExpect(jsonPath("$.points[0][1]").value(129.0))
            .andExpect(jsonPath("$.points[1][1]").value(159.0));
    }

    @Test
    void shouldAcceptOffsetsAndEpochSeconds() throws Exception {
        series("metric", "ConcurrentExecutions", "region", "us-east-1", "from", "2026-11-28T12:00:00+01:00", "to",
                String.valueOf(T0 + 600))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.points", hasSize(10)));
    }

    @Test
    void shouldRefuseAnUnknownMetric() throws Exception {
        badRequest("metric", "metric", "Invocashuns", "region", "us-east-1")
            .andExpect(jsonPath("$.detail").value(containsString("Invocations")));
    }

    @Test
    void shouldRefuseAStatisticThatIsNotCollectedForTheMetric() throws Exception {
        badRequest("statistic", "metric", "Throttles", "statistic", "p99", "region", "us-east-1", "function",
                "image-resizer")
            .andExpect(jsonPath("$.detail").value(containsString("collected: Sum")));
    }

    @Test
    void shouldRefuseAnInvertedRange() throws Exception {
        badRequest("from", "metric", "ConcurrentExecutions", "region", "us-east-1", "from", "2026-11-28T11:00:00Z",
                "to", "2026-11-28T10:00:00Z");
    }

    @Test
    void shouldRefuseMalformedDates() throws Exception {
        badRequest("from", "metric", "ConcurrentExecutions", "region", "us-east-1", "from", "2026-13-01");
        badRequest("to", "metric", "ConcurrentExecutions", "region", "us-east-1", "to", "yesterday")
            .andExpect(jsonPath("$.detail").value(containsString("ISO-8601")));
    }

    @Test
    void shouldRefuseStepsThatAreNotWholeMinutesNumbersOrWithinThePointLimit() throws Exception {
        badRequest("step", "metric", "ConcurrentExecutions", "region", "us-east-1", "step", "90");
        badRequest("step", "metric", "ConcurrentExecutions", "region", "us-east-1", "step", "0");
        badRequest("step", "metric", "ConcurrentExecutions", "region", "us-east-1", "step", "ten")
            .andExpect(jsonPath("$.detail").value(containsString("whole number")));
        badRequest("step", "metric", "ConcurrentExecutions", "region", "us-east-1", "step", "60", "from",
                "2026-08-01T00:00:00Z");
    }

    @Test
    void shouldRefuseAMinuteBasedStepReachingPastTheMinutesKeptNamingTheLimit() throws Exception {
        badRequest("step", "metric", "ConcurrentExecutions", "region", "us-east-1", "step", "1800", "from",
                "2026-09-29T12:00:00Z")
            .andExpect(jsonPath("$.detail").value(containsString("15 days (lambdalens.retention.raw)")))
            .andExpect(jsonPath("$.detail").value(containsString("multiple of 3600")));
        series("metric", "ConcurrentExecutions", "region", "us-east-1", "step", "3600", "from",
                "2026-09-29T12:00:00Z")
            .andExpect(status().isOk());
        badRequest("from", "metric", "ConcurrentExecutions", "region", "us-east-1", "step", "86400", "from",
                "2000-01-01T00:00:00Z")
            .andExpect(jsonPath("$.detail").value(containsString("455 days (lambdalens.retention.rollups)")));
    }

    @Test
    void shouldChooseAnHourlyStepForAShortRangeOlderThanTheMinutesKept() throws Exception {
        series("metric", "ConcurrentExecutions", "region", "us-east-1", "from", "2026-11-08T00:00:00Z", "to",
                "2026-11-09T00:00:00Z")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.step").value(3600));
    }

    @Test
    void shouldLabelAP99BeyondAMinuteAsTheHighestOneMinuteP99() throws Exception {
        SeriesKey p99 = SeriesKey.ofFunction("123456789012", "us-east-1", "image-resizer", LambdaMetric.DURATION,
                Statistic.P99);
        this.store.upsert(Map.of(p99, List.of(new Point(T0, 120), new Point(T0 + 60, 340))));
        series("metric", "Duration", "statistic", "p99", "region", "us-east-1", "function", "image-resizer", "step",
                "300")
            .andExpect(jsonPath("$.statistic").value("p99"))
            .andExpect(jsonPath("$.statisticLabel").value("highest 1-minute p99"))
            .andExpect(jsonPath("$.points[0][1]").value(340.0));
        series("metric", "Duration", "statistic", "p99", "region", "us-east-1", "function", "image-resizer", "step",
                "60")
            .andExpect(jsonPath("$.statisticLabel").value("p99"));
    }

    @Test
    void shouldRefuseAFunctionForAnAccountLevelMetricAndTheOtherWayRound() throws Exception {
        badRequest("function", "metric", "ClaimedAccountConcurrency", "region", "us-east-1", "function", "f");
        badRequest("function", "metric", "Duration", "region", "us-east-1");
    }

    @Test
    void shouldRefuseAMissingMetric() throws Exception {
        this.mvc.perform(get("/api/v1/series").param("region", "us-east-1"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.detail").value(containsString("metric")));
    }

    @Test
    void shouldAnswer404ForASeriesNeverStored() throws Exception {
        series("metric", "Throttles", "region", "us-east-1", "function", "nope").andExpect(status().isNotFound())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        series("metric", "Throttles", "region", "us-east-1", "function", "image-resizer", "account", "999999999999")
            .andExpect(status().isNotFound());
    }

    @Test
    void shouldAnswerSeveralSeriesInOneRequestInTheOrderAskedWithNullForOneNotStored() throws Exception {
        this.mvc.perform(get("/api/v1/series/batch").param("line", "123456789012,us-east-1,,ConcurrentExecutions,Maximum")
            .param("line", ",us-east-1,image-resizer,Throttles,")
            .param("line", "123456789012,us-east-1,pdf-renderer,Throttles,Sum")
            .param("line", "123456789012,us-east-1,,ConcurrentExecutions,Maximum")
            .param("step", "1800")
            .accept(MediaType.APPLICATION_JSON))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.series", hasSize(4)))
            .andExpect(jsonPath("$.series[0].metric").value("ConcurrentExecutions"))
            .andExpect(jsonPath("$.series[0].points[0][1]").value(129.0))
            .andExpect(jsonPath("$.series[0].points[1][1]").value(159.0))
            // the same answers as GET /api/v1/series gives for each
            .andExpect(jsonPath("$.series[1].function").value("image-resizer"))
            .andExpect(jsonPath("$.series[1].statistic").value("Sum"))
            .andExpect(jsonPath("$.series[1].points[0][1]").value(45.0 + 245))
            .andExpect(jsonPath("$.series[1].points[1][1]").value(1335.0))
            .andExpect(jsonPath("$.series[2]").value(org.hamcrest.Matchers.nullValue()))
            .andExpect(jsonPath("$.series[3].points", hasSize(2)));
    }

    @Test
    void shouldAnswerABatchOfOneLine() throws Exception {
        this.mvc.perform(get("/api/v1/series/batch").param("line", "123456789012,us-east-1,,ConcurrentExecutions,Maximum"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.series", hasSize(1)))
            .andExpect(jsonPath("$.series[0].points", hasSize(60)));
    }

    @Test
    void shouldRefuseABatchLineThatCannotBeReadNamingIt() throws Exception {
        this.mvc.perform(get("/api/v1/series/batch").param("line", "123456789012,us-east-1,,ConcurrentExecutions,")
            .param("line", "123456789012,us-east-1,image-resizer,Invocashuns,Sum"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.parameter").value("line"))
            .andExpect(jsonPath("$.detail").value(containsString("line 2")))
            .andExpect(jsonPath("$.detail").value(containsString("Invocations")));
        this.mvc.perform(get("/api/v1/series/batch").param("line", "us-east-1,Throttles"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.detail").value(containsString("account,region,function,metric,statistic")));
        var tooMany = get("/api/v1/series/batch");
        for (int i = 0; i <= SeriesApiController.MAX_BATCH; i++) {
            tooMany.param("line", "123456789012,us-east-1,,ConcurrentExecutions,");
        }
        this.mvc.perform(tooMany)
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.detail").value(containsString("give 1 to 100 line parameters, not 101")));
    }

    private ResultActions series(String... parameters) throws Exception {
        var request = get("/api/v1/series");
        for (int i = 0; i < parameters.length; i += 2) {
            request.param(parameters[i], parameters[i + 1]);
        }
        return this.mvc.perform(request);
    }

    private ResultActions badRequest(String parameter, String... parameters) throws Exception {
        return series(parameters).andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.parameter").value(parameter))
            .andExpect(content().string(not(containsString("Exception"))));
    }

    @TestConfiguration(proxyBeanMethods = false)
    @org.springframework.boot.context.properties.EnableConfigurationProperties(RetentionProperties.class)
    static class FixedClock {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
