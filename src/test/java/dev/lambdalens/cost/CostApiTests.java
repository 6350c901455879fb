package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.SeriesQueries;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.DemoDataConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo account's cost through the API and the pages, against a recomputation written here from the rules of
 * AWS-FACTS.md and the stored minutes.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
class CostApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    DemoData demoData;

    @Autowired
    SeriesQueries queries;

    @Autowired
    Inventory inventory;

    @Autowired
    JsonMapper json;

    @BeforeEach
    void collect() {
        this.demoData.collectOnce();
    }

    @Test
    void monthToDateAgreesToTheCentOnTheApiTheOverviewAndARecomputationFromTheStoredSeries() throws Exception {
        JsonNode costs = this.json.readTree(this.mvc.perform(get("/api/v1/costs"))
            .andExpect(status().isOk())
            .andReturn().getResponse().getContentAsString());
        BigDecimal api = new BigDecimal(costs.get("total").asString()).setScale(2, RoundingMode.HALF_UP);
        BigDecimal recomputed = BigDecimal.valueOf(recompute()).setScale(2, RoundingMode.HALF_UP);
        assertThat(api).isEqualByComparingTo(recomputed);
        assertThat(api).isPositive();
        String shown = "$" + String.format("%,.2f", api);
        this.mvc.perform(get("/")).andExpect(content().string(containsString(
                "<strong id=\"overview-month-to-date\">" + shown + "</strong>")));
        this.mvc.perform(get("/costs")).andExpect(status().isOk())
            .andExpect(content().string(containsString("<strong id=\"month-to-date\">" + shown + "</strong>")));
    }

    @Test
    void breaksCostDownByFunctionRegionTagAndArchitecture() throws Exception {
        this.mvc.perform(get("/api/v1/costs").param("groupBy", "function"))
            .andExpect(jsonPath("$.groups.length()").value(18))
            .andExpect(jsonPath("$.groups[?(@.function == 'etl-hourly')].ephemeralStorageCost",
                    hasItem(org.hamcrest.Matchers.greaterThan(0.0))))
            .andExpect(jsonPath("$.caveats[0]").value(containsString("INIT")));
        this.mvc.perform(get("/api/v1/costs").param("groupBy", "region"))
            .andExpect(jsonPath("$.groups[*].key", org.hamcrest.Matchers.containsInAnyOrder("us-east-1", "eu-west-1")));
        this.mvc.perform(get("/api/v1/costs").param("groupBy", "architecture"))
            .andExpect(jsonPath("$.groups[*].key", org.hamcrest.Matchers.containsInAnyOrder("x86_64", "arm64")))
            .andExpect(jsonPath("$.groups[?(@.key == 'x86_64')].arm64Saving",
                    hasItem(org.hamcrest.Matchers.greaterThan(0.0))));
        this.mvc.perform(get("/api/v1/costs").param("groupBy", "tag").param("tag", "team"))
            .andExpect(jsonPath("$.groups[*].key", hasItem("analytics")));
    }

    @Test
    void refusesARangeOrGroupingThatCannotWorkNamingTheParameter() throws Exception {
        this.mvc.perform(get("/api/v1/costs").param("groupBy", "colour"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("groupBy"));
        this.mvc.perform(get("/api/v1/costs").param("from", "2026-11-20").param("to", "2026-11-10"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("to"));
        this.mvc.perform(get("/api/v1/costs").param("groupBy", "tag"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("tag"));
        this.mvc.perform(get("/api/v1/costs").param("from", "last tuesday"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.parameter").value("from"));
        this.mvc.perform(get("/api/v1/costs").param("from", "2024-01-01").param("to", "2026-01-01"))
            .andExpect(status().isBadRequest());
    }

    @Test
    void budgetsAreCreatedJudgedChangedAndDeletedThroughTheApi() throws Exception {
        String location = this.mvc.perform(post("/api/v1/budgets").contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "Analytics", "amount": 0.01, "scope": "TAG", "scopeValue": "team=analytics",
                 "thresholds": [{"kind": "ACTUAL", "value": 100}]}"""))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.definition.period").value("MONTHLY"))
            .andExpect(jsonPath("$.status.thresholds[0].crossed").value(true))
            .andReturn().getResponse().getHeader("Location");
        // the crossing is an alert of a rule the budget keeps: nobody edits that rule by hand
        JsonNode alerts = this.json.readTree(this.mvc.perform(get("/api/v1/alerts")).andReturn().getResponse()
            .getContentAsString());
        long ruleId = -1;
        for (JsonNode alert : alerts) {
            if (alert.get("ruleName").asString().equals("Budget: Analytics")) {
                assertThat(alert.get("state").asString()).isEqualTo("ALARM");
                ruleId = alert.get("ruleId").asLong();
            }
        }
        assertThat(ruleId).isPositive();
        this.mvc.perform(delete("/api/v1/alert-rules/" + ruleId)).andExpect(status().isConflict());
        this.mvc.perform(put(location).contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "Analytics", "amount": 1000000, "scope": "TAG", "scopeValue": "team=analytics",
                 "thresholds": [{"kind": "FORECASTED", "value": 100}]}"""))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status.thresholds[0].crossed").value(false))
            .andExpect(jsonPath("$.status.method").value(containsString("priced with the free tier")));
        this.mvc.perform(delete(location)).andExpect(status().isNoContent());
        this.mvc.perform(get(location)).andExpect(status().isNotFound());
        this.mvc.perform(get("/api/v1/alert-rules/" + ruleId)).andExpect(status().isNotFound());
    }

    @Test
    void refusesABudgetThatCannotWorkNamingTheField() throws Exception {
        bad("{\"name\": \"x\", \"amount\": 0}", "amount");
        bad("{\"name\": \"x\", \"amount\": 10, \"period\": \"CUSTOM\"}", "startsOn");
        bad("{\"name\": \"x\", \"amount\": 10, \"period\": \"CUSTOM\", \"startsOn\": \"2026-12-01\", "
                + "\"endsOn\": \"2026-11-01\"}", "endsOn");
        bad("{\"name\": \"x\", \"amount\": 10, \"scope\": \"TAG\", \"scopeValue\": \"team\"}", "scopeValue");
        bad("{\"name\": \"x\", \"amount\": 10, \"thresholds\": [{\"kind\": \"ACTUAL\", \"value\": -5}]}",
                "thresholds[0].value");
        bad("{\"name\": \"x\", \"amount\": 10, \"thresholds\": [{\"value\": 50}]}", "thresholds[0].kind");
        bad("{\"name\": \"x\", \"amount\": 10, \"account\": \"12\"}", "account");
        this.mvc.perform(post("/api/v1/budgets").contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"x\", \"amount\": 10, \"period\": \"WEEKLY\"}"))
            .andExpect(status().isBadRequest());
        this.mvc.perform(put("/api/v1/budgets/999").contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"x\", \"amount\": 10}"))
            .andExpect(status().isNotFound());
    }

    @Test
    void theBudgetFormSavesAValidBudgetAndExplainsAnInvalidOne() throws Exception {
        this.mvc.perform(get("/costs/budgets/new")).andExpect(status().isOk());
        this.mvc.perform(post("/costs/budgets").param("name", "Media").param("amount", "500")
            .param("period", "CUSTOM").param("scope", "ACCOUNT").param("severity", "WARNING")
            .param("thresholds[0].kind", "ACTUAL").param("thresholds[0].value", "80").param("thresholds[0].unit", "PERCENT"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("a CUSTOM period needs a first and a last day")));
        this.mvc.perform(post("/costs/budgets").param("name", "Media").param("amount", "500")
            .param("period", "MONTHLY").param("scope", "TAG").param("scopeValue", "team=media").param("severity", "INFO")
            .param("thresholds[0].kind", "ACTUAL").param("thresholds[0].value", "80").param("thresholds[0].unit", "PERCENT")
            .param("thresholds[1].kind", "").param("thresholds[1].value", "").param("thresholds[1].unit", "PERCENT"))
            .andExpect(status().is3xxRedirection())
            .andExpect(redirectedUrl("/costs"));
        this.mvc.perform(get("/costs")).andExpect(content().string(containsString("Media")))
            .andExpect(content().string(containsString("ACTUAL &gt;= 80%")));
    }

    private void bad(String body, String field) throws Exception {
        this.mvc.perform(post("/api/v1/budgets").contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    /**
     * This month's bill from the stored minutes, written out independently: per UTC day and account, the free tier
     * (1M requests, 400,000 GB-s) used up in day order and shared in proportion; x86 at $0.0000166667 and arm64 at
     * $0.0000133334 per GB-s (the demo is far below the first tier); ephemeral storage above 512 MB at $0.0000000309.
     */
    private double recompute() {
        Instant monthStart = LocalDate.of(2026, 11, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant now = DemoDataConfiguration.NOW;
        Map<Long, double[]> days = new TreeMap<>(); // requests, x86 GB-s, arm64 GB-s, storage GB-s
        // provisioned concurrency (the demo's search-api): the allocation at its price, and the day's share of
        // compute that ran on it (its invocations over all) at its own rate instead of on demand, free tier aside
        java.util.List<dev.lambdalens.inventory.ProvisionedAllocation> allocations = this.inventory
            .provisionedAllocations(monthStart, now);
        double provisioned = 0;
        for (dev.lambdalens.inventory.ProvisionedAllocation a : allocations) {
            for (long day = monthStart.getEpochSecond(); day < now.getEpochSecond(); day += 86_400) {
                provisioned += a.gbSeconds(Instant.ofEpochSecond(day),
                        Instant.ofEpochSecond(Math.min(day + 86_400, now.getEpochSecond()))) * 0.0000041667;
            }
        }
        for (FunctionSummary f : this.inventory.functions()) {
            Map<Long, Double> invocations = byDay(f, LambdaMetric.INVOCATIONS, monthStart, now);
            Map<Long, Double> duration = byDay(f, LambdaMetric.DURATION, monthStart, now);
            Map<Long, Double> onProvisioned = new HashMap<>();
            allocations.stream()
                .filter((a) -> a.account().equals(f.account()) && a.region().equals(f.region())
                        && a.function().equals(f.name()))
                .map(dev.lambdalens.inventory.ProvisionedAllocation::qualifier)
                .distinct()
                .forEach((qualifier) -> this.queries
                    .read(SeriesKey.ofQualified(f.account(), f.region(), f.name(), qualifier,
                            LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS, Statistic.SUM), monthStart, now, 60)
                    .points()
                    .forEach((p) -> onProvisioned.merge(Math.floorDiv(p.epochSecond(), 86_400), p.value(),
                            Double::sum)));
            invocations.forEach((day, n) -> days.computeIfAbsent(day, (d) -> new double[4])[0] += n);
            for (Map.Entry<Long, Double> entry : duration.entrySet()) {
                long day = entry.getKey();
                double ms = entry.getValue();
                double[] totals = days.computeIfAbsent(day, (d) -> new double[4]);
                double n = invocations.getOrDefault(day, 0.0);
                double share = (n > 0) ? Math.min(1, onProvisioned.getOrDefault(day, 0.0) / n) : 0;
                double gbs = ms / 1000 * f.memoryMb() / 1024;
                totals[(f.architecture() == Architecture.ARM64) ? 2 : 1] += gbs * (1 - share);
                provisioned += gbs * share * 0.0000097222;
                totals[3] += ms / 1000 * Math.max(0, f.ephemeralStorageMb() - 512) / 1024;
            }
        }
        double requestsSoFar = 0;
        double gbsSoFar = 0;
        double total = provisioned;
        for (double[] d : days.values()) {
            double gbs = d[1] + d[2];
            double billableRequests = Math.max(0, d[0] - Math.max(0, 1_000_000 - requestsSoFar));
            double billableShare = (gbs > 0) ? Math.max(0, gbs - Math.max(0, 400_000 - gbsSoFar)) / gbs : 0;
            total += billableRequests * 0.20 / 1_000_000 + d[1] * billableShare * 0.0000166667
                    + d[2] * billableShare * 0.0000133334 + d[3] * 0.0000000309;
            requestsSoFar += d[0];
            gbsSoFar += gbs;
        }
        return total;
    }

    private Map<Long, Double> byDay(FunctionSummary f, LambdaMetric metric, Instant from, Instant to) {
        Map<Long, Double> days = new HashMap<>();
        for (Point p : this.queries.read(SeriesKey.ofFunction(f.account(), f.region(), f.name(), metric, Statistic.SUM),
                from, to, 60).points()) {
            days.merge(Math.floorDiv(p.epochSecond(), 86_400), p.value(), Double::sum);
        }
        return days;
    }
}
