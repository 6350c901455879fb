package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.AlarmState;
import dev.lambdalens.alerting.AlertBoard;
import dev.lambdalens.alerting.AlertGroupChanged;
import dev.lambdalens.alerting.AlertSummary;
import dev.lambdalens.alerting.Severity;
import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SampleStore;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Budgets through a month of stored usage, with AWS Budgets semantics. Without a free tier (configured off here), one
 * 1 GB x86 function running 60 s of every minute costs 86,400 GB-s x $0.0000166667 = $1.44 a day (plus $0.000288 of
 * requests); a heavy day runs 20 or 30 times that. The budget is $100 a month: ACTUAL at 50% ($50), FORECASTED at
 * 100% ($100).
 */
@SpringBootTest(properties = { "lambdalens.cost.free-tier.requests=0", "lambdalens.cost.free-tier.gb-seconds=0" })
@AutoConfigureMockMvc
@RecordApplicationEvents
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class BudgetTests {

    static final String ACCOUNT = "123456789012";

    /** Compute of one base day: 86,400 GB-s x $0.0000166667. */
    static final double COMPUTE = 1440 * 60 * 0.0000166667;

    /** Requests of one day: 1,440 x $0.20 per million. */
    static final double REQUESTS = 1440 * 0.0000002;

    static final double DAY = COMPUTE + REQUESTS;

    @Autowired
    Budgets budgets;

    @Autowired
    BudgetEvaluation evaluation;

    @Autowired
    AlertBoard board;

    @Autowired
    Inventory inventory;

    @Autowired
    SampleStore samples;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEvents events;

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void oneFunction() {
        this.clock.set(Instant.parse("2026-11-01T00:00:00Z"));
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(new DiscoveredFunction(ACCOUNT, "us-east-1", "api",
                "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:api", "java21", Architecture.X86_64, 1024, 30, null,
                1_000, Map.of("team", "checkout"))), AccountLimits.unknown(ACCOUNT, "us-east-1", this.clock.instant()),
                this.clock.instant());
    }

    @Test
    void actualNotifiesOncePerPeriodForecastedAgainAfterRecoveringAndANewPeriodStartsClean() {
        long id = this.budgets.create(budget("Checkout", new BudgetRequest.ThresholdRequest(ThresholdKind.ACTUAL, 50.0,
                ThresholdUnit.PERCENT), new BudgetRequest.ThresholdRequest(ThresholdKind.FORECASTED, 100.0, null)));
        // 1-9 November, steady: actual $12.96, forecast 12.96 + 21 x 1.44 = $43.20
        at("2026-11-10", 1, 9, 1);
        assertThat(standing(id).actual()).isCloseTo(9 * DAY, within(1e-6));
        assertThat(standing(id).forecast()).isCloseTo(30 * DAY, within(1e-6));
        assertThat(states()).containsExactly(AlarmState.OK, AlarmState.OK);
        // a heavy 10 November (20x): actual $41.76; the last 7 days average (6 + 20) x 1.44 / 7 a day: forecast $148.7
        at("2026-11-11", 10, 10, 20);
        assertThat(standing(id).actual()).isCloseTo(29 * COMPUTE + 10 * REQUESTS, within(1e-6));
        assertThat(standing(id).forecast())
            .isCloseTo(29 * COMPUTE + 10 * REQUESTS + 20 * (26 * COMPUTE + 7 * REQUESTS) / 7, within(1e-6));
        assertThat(states()).containsExactly(AlarmState.OK, AlarmState.ALARM);
        // 11-17 steady: actual $51.84 crosses 50%; the last week is steady again, forecast $70.56: FORECASTED recovers
        at("2026-11-18", 11, 17, 1);
        assertThat(states()).containsExactly(AlarmState.ALARM, AlarmState.OK);
        // a very heavy 18 November (30x): ACTUAL stays crossed without a second notification, FORECASTED fires again
        at("2026-11-19", 18, 18, 30);
        assertThat(states()).containsExactly(AlarmState.ALARM, AlarmState.ALARM);
        assertThat(firings("ACTUAL >= 50%")).isEqualTo(1);
        assertThat(firings("FORECASTED >= 100%")).isEqualTo(2);
        // December: a new period, nothing spent yet
        this.clock.set(Instant.parse("2026-12-01T00:05:00Z"));
        this.evaluation.evaluateAll();
        assertThat(states()).containsExactly(AlarmState.OK, AlarmState.OK);
        assertThat(standing(id).from()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(firings("ACTUAL >= 50%")).isEqualTo(1);
    }

    @Test
    void anActualCrossingStaysCrossedForThePeriodEvenIfAReFetchLowersTheSpend() {
        long id = this.budgets.create(budget("Checkout",
                new BudgetRequest.ThresholdRequest(ThresholdKind.ACTUAL, 5.0, ThresholdUnit.ABSOLUTE)));
        at("2026-11-05", 1, 4, 1);
        assertThat(states()).containsExactly(AlarmState.ALARM);
        // CloudWatch corrects 4 November downwards: the spend is below $5 again, but the crossing happened
        store(4, 4, 0.01);
        this.clock.set(Instant.parse("2026-11-05T02:00:00Z"));
        this.evaluation.evaluateAll();
        assertThat(standing(id).actual()).isLessThan(5);
        assertThat(states()).containsExactly(AlarmState.ALARM);
        assertThat(firings("ACTUAL >= $5")).isEqualTo(1);
    }

    @Test
    void aBudgetCountsOnlyTheFunctionsOfItsScope() {
        long tagged = this.budgets.create(budget("Checkout team", BudgetScope.TAG, "team=checkout"));
        long other = this.budgets.create(budget("Media team", BudgetScope.TAG, "team=media"));
        long named = this.budgets.create(budget("Orders", BudgetScope.FUNCTIONS, "orders-*, api"));
        at("2026-11-03", 1, 2, 1);
        assertThat(standing(tagged).actual()).isCloseTo(2 * DAY, within(1e-6));
        assertThat(standing(other).actual()).isZero();
        assertThat(standing(named).actual()).isCloseTo(2 * DAY, within(1e-6));
    }

    @Test
    void aCrossingIsOwedToTheChannelsLikeAnyAlert() throws Exception {
        this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"finops\", \"type\": \"WEBHOOK\", \"url\": \"http://localhost:9/hook\"}"))
            .andExpect(status().isCreated());
        this.budgets.create(budget("Checkout",
                new BudgetRequest.ThresholdRequest(ThresholdKind.ACTUAL, 1.0, ThresholdUnit.ABSOLUTE)));
        at("2026-11-03", 1, 2, 1);
        this.mvc.perform(get("/api/v1/deliveries"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.length()").value(1))
            .andExpect(jsonPath("$[0].status").value("PENDING"));
        this.mvc.perform(get("/api/v1/alerts"))
            .andExpect(jsonPath("$[0].ruleName").value("Budget: Checkout"))
            .andExpect(jsonPath("$[0].state").value("ALARM"));
    }

    /** Store days [first, last] of November at {@code factor} x the base load, then evaluate at {@code now}. */
    private void at(String now, int first, int last, double factor) {
        store(first, last, factor);
        this.clock.set(LocalDate.parse(now).atStartOfDay(ZoneOffset.UTC).toInstant());
        this.evaluation.evaluateAll();
    }

    private void store(int first, int last, double factor) {
        List<Point> invocations = new ArrayList<>();
        List<Point> duration = new ArrayList<>();
        long from = LocalDate.of(2026, 11, first).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long to = LocalDate.of(2026, 11, last).plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        for (long t = from; t < to; t += 60) {
            invocations.add(new Point(t, 1));
            duration.add(new Point(t, 60_000 * factor));
        }
        this.samples.upsert(Map.of(key(LambdaMetric.INVOCATIONS), invocations, key(LambdaMetric.DURATION), duration));
    }

    private BudgetStatus standing(long id) {
        return this.budgets.find(id).orElseThrow().status();
    }

    private List<AlarmState> states() {
        return this.board.all()
            .stream()
            .filter((a) -> a.ruleName().startsWith("Budget: "))
            .sorted(java.util.Comparator.comparing(AlertSummary::function))
            .map(AlertSummary::state)
            .toList();
    }

    private long firings(String label) {
        return this.events.stream(AlertGroupChanged.class)
            .filter(AlertGroupChanged::firing)
            .flatMap((g) -> g.changes().stream())
            .filter((c) -> c.target().function().equals(label))
            .count();
    }

    static BudgetDefinition budget(String name, BudgetRequest.ThresholdRequest... thresholds) {
        return new BudgetRequest(name, new BigDecimal("100.00"), BudgetPeriod.MONTHLY, null, null, BudgetScope.ACCOUNT,
                null, null, Severity.WARNING, null, List.of(thresholds)).toDefinition();
    }

    static BudgetDefinition budget(String name, BudgetScope scope, String value) {
        return new BudgetRequest(name, new BigDecimal("100.00"), BudgetPeriod.MONTHLY, null, null, scope, value, null,
                Severity.WARNING, null, List.of()).toDefinition();
    }

    static SeriesKey key(LambdaMetric metric) {
        return SeriesKey.ofFunction(ACCOUNT, "us-east-1", "api", metric, Statistic.SUM);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
        }
    }
}
