package dev.lambdalens.export;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.RuleEvaluation;
import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.DemoDataConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The CSV exports, read back with a CSV reader (Jackson's, by header), hold exactly the rows and figures of the
 * JSON answers: cost per function per day (and that adds up to the cost report), alert history (and that holds
 * every alert's history), the delivery log (and that matches the log as the API has always answered it).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
class ExportsTests {

    static final CsvMapper csv = CsvMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    DemoData demoData;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    JsonMapper json;

    /** Collects once and evaluates once, with a channel that never answers: alerts, history and deliveries. */
    @BeforeEach
    void collectAndEvaluate() throws Exception {
        this.demoData.collectOnce();
        if (json(get("/api/v1/channels")).isEmpty()) {
            this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"nowhere, \\\"quoted\\\"\", \"url\": \"http://127.0.0.1:9/hook\"}"))
                .andExpect(status().isCreated());
            this.evaluation.evaluateAll();
        }
    }

    @Test
    void shouldExportTheCostPerFunctionPerDayAsCsvMatchingTheJson() throws Exception {
        String range = "from=2026-11-27&to=2026-11-29";
        List<Map<String, String>> rows = readCsv(this.mvc.perform(get("/api/v1/costs/daily?format=csv&" + range))
            .andExpect(status().isOk())
            .andReturn());
        JsonNode jsonRows = json(get("/api/v1/costs/daily?" + range));
        assertThat(rows).hasSize(jsonRows.size()).hasSizeGreaterThan(18); // eighteen functions, two days
        assertSameRows(rows, jsonRows);
        assertThat(rows.get(0).keySet()).containsExactly("date", "account", "region", "function", "architecture",
                "invocations", "gbSeconds", "requestCost", "computeCost", "ephemeralStorageCost", "cost",
                "provisionedCost");
        assertThat(rows).extracting((r) -> r.get("date")).containsOnly("2026-11-27", "2026-11-28");

        BigDecimal exported = rows.stream().map((r) -> new BigDecimal(r.get("cost"))).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        BigDecimal reported = new BigDecimal(json(get("/api/v1/costs?" + range)).get("total").asString());
        assertThat(exported.subtract(reported).abs()).as("rows are rounded to 1/100 cent each")
            .isLessThanOrEqualTo(new BigDecimal("0.0001").multiply(BigDecimal.valueOf(rows.size())));

        String byAccept = this.mvc.perform(get("/api/v1/costs/daily?" + range).accept("text/csv"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(readCsv(byAccept)).isEqualTo(rows);
    }

    @Test
    void shouldExportTheAlertHistoryAsCsvMatchingTheJsonAndEveryAlertsHistory() throws Exception {
        List<Map<String, String>> rows = readCsv(this.mvc.perform(get("/api/v1/alerts/history?format=csv"))
            .andExpect(status().isOk())
            .andReturn());
        JsonNode jsonRows = json(get("/api/v1/alerts/history"));
        assertThat(rows).isNotEmpty().hasSize(jsonRows.size());
        assertSameRows(rows, jsonRows);
        int transitions = 0;
        JsonNode alerts = json(get("/api/v1/alerts?limit=1000")); // every alert on one page
        assertThat(alerts.size()).isLessThan(1000);
        for (JsonNode alert : alerts) {
            transitions += json(get("/api/v1/alerts/" + alert.get("id").asLong() + "/history")).size();
        }
        assertThat(rows).hasSize(transitions);
        assertThat(rows).anySatisfy((r) -> {
            assertThat(r.get("function")).isEqualTo("pdf-renderer");
            assertThat(r.get("to")).isEqualTo("ALARM");
            assertThat(r.get("rule")).isEqualTo("p99 duration above 90% of the timeout");
            assertThat(r.get("reason")).isNotBlank();
        });
    }

    @Test
    void shouldExportTheDeliveryLogAsCsvMatchingTheJson() throws Exception {
        List<Map<String, String>> rows = readCsv(this.mvc.perform(get("/api/v1/deliveries").accept("text/csv"))
            .andExpect(status().isOk())
            .andReturn());
        JsonNode jsonRows = json(get("/api/v1/deliveries?format=json"));
        assertThat(rows).isNotEmpty().hasSize(jsonRows.size());
        assertSameRows(rows, jsonRows);
        assertThat(rows).allSatisfy((r) -> {
            assertThat(r.get("channel")).as("a comma and quotes survive the round trip").isEqualTo("nowhere, \"quoted\"");
            assertThat(r.get("status")).isEqualTo("PENDING");
            assertThat(r.get("event")).isEqualTo("firing");
        });
        JsonNode log = json(get("/api/v1/deliveries"));
        assertThat(rows).extracting((r) -> r.get("idempotencyKey"))
            .containsExactlyInAnyOrderElementsOf(log.valueStream().map((d) -> d.get("idempotencyKey").asString())
                .toList());
    }

    @Test
    void shouldRefuseAnUnknownFormatNamingIt() throws Exception {
        this.mvc.perform(get("/api/v1/costs/daily?format=xlsx"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("format"));
        this.mvc.perform(get("/api/v1/alerts/history?from=yesterday"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.parameter").value("from"));
    }

    @Test
    void shouldOfferAnExportButtonOnEachPage() throws Exception {
        assertThat(page("/costs")).contains("/api/v1/costs/daily?format=csv");
        assertThat(page("/alerts")).contains("/api/v1/alerts/history?format=csv");
        assertThat(page("/channels")).contains("/api/v1/deliveries?format=csv");
    }

    private String page(String path) throws Exception {
        return this.mvc.perform(get(path).accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    }

    /** Every CSV cell equals the JSON value of the same row and column (numbers compared as numbers). */
    private static void assertSameRows(List<Map<String, String>> rows, JsonNode jsonRows) {
        for (int i = 0; i < rows.size(); i++) {
            JsonNode expected = jsonRows.get(i);
            Map<String, String> row = rows.get(i);
            assertThat(row.keySet()).containsExactlyInAnyOrderElementsOf(expected.propertyNames());
            for (Map.Entry<String, String> cell : row.entrySet()) {
                JsonNode value = expected.get(cell.getKey());
                if (value.isNull()) {
                    assertThat(cell.getValue()).as(cell.getKey()).isEmpty();
                }
                else if (value.isNumber()) {
                    assertThat(new BigDecimal(cell.getValue())).as(cell.getKey()).isEqualByComparingTo(value.decimalValue());
                }
                else {
                    assertThat(cell.getValue()).as(cell.getKey()).isEqualTo(value.asString());
                }
            }
        }
    }

    private JsonNode json(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return this.json.readTree(this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
            .getContentAsString());
    }

    private static List<Map<String, String>> readCsv(MvcResult result) throws Exception {
        assertThat(result.getResponse().getContentType()).startsWith("text/csv");
        assertThat(result.getResponse().getHeader("Content-Disposition")).startsWith("attachment; filename=");
        return readCsv(result.getResponse().getContentAsString());
    }

    private static List<Map<String, String>> readCsv(String text) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(text)) {
            Iterator<Map<String, String>> iterator = it;
            iterator.forEachRemaining(rows::add);
        }
        return rows;
    }
}
