package dev.lambdalens.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.Inventory;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Statistic;
import dev.lambdalens.testing.MetricStreamDeliveries;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Rules on data pushed through Metric Streams judge up to the newest minute the stream delivered, not up to the
 * clock: a stream that stalls (or Firehose buffering for minutes) is never missing data, late deliveries are judged
 * in order at their own times, and a stream silent for longer than {@code stream-silence} is taken for an idle
 * region, where the clock decides again.
 */
@SpringBootTest(properties = { "lambdalens.test.signed-in=false", "lambdalens.streams.enabled=true",
        "lambdalens.streams.access-key=" + StreamedDataTests.KEY, "lambdalens.collector.enabled=false",
        "lambdalens.alerting.enabled=false", "lambdalens.notification.enabled=false",
        "lambdalens.alerting.stream-silence=20m" })
@AutoConfigureMockMvc
@RecordApplicationEvents
class StreamedDataTests {

    static final String KEY = "firehose-key-0123456789";

    static final String ACCOUNT = "123456789012";

    static final String REGION = "ap-south-1";

    static final Instant START = Instant.parse("2026-11-28T12:02:30Z");

    static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    MutableClock clock;

    @Autowired
    Inventory inventory;

    @Autowired
    RuleCatalog catalog;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    AlertRepository alerts;

    @Autowired
    ApplicationEvents events;

    int deliveries;

    @Test
    void shouldJudgeStreamedDataUpToWhatWasDeliveredAndTheClockOnlyAfterTheStreamFallsSilent() throws Exception {
        this.inventory.reconcile(ACCOUNT, REGION, List.of(new DiscoveredFunction(ACCOUNT, REGION, "orders",
                "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:orders", "java21", Architecture.ARM64, 1024,
                30, null, 1_000_000, Map.of(), 0, 0, null)), AccountLimits.unknown(ACCOUNT, REGION, START), START);
        long rule = this.catalog.create(new RuleDefinition("Throttles of orders", Signal.METRIC,
                LambdaMetric.THROTTLES, Statistic.SUM, RuleScope.FUNCTION, "orders", null, REGION,
                new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, 0, Duration.ofMinutes(1), 1, 1,
                        MissingData.NOT_BREACHING),
                Severity.WARNING, null, null, true, List.of()));

        deliver(-10, 10, 3); // 11:50 to 11:59 throttling, delivered at 12:02:30
        this.evaluation.evaluateAll();
        assertThat(alertOf(rule).state()).isEqualTo(AlarmState.ALARM);

        // the stream stalls for 12 minutes: nothing past 12:00 is judged, so nothing reads as missing
        for (int minute = 0; minute < 12; minute++) {
            this.clock.advance(Duration.ofMinutes(1));
            this.evaluation.evaluateAll();
        }
        assertThat(alertOf(rule).state()).as("a stalled stream is not missing data").isEqualTo(AlarmState.ALARM);
        assertThat(resolved(rule)).isEmpty();

        // the buffered minutes arrive late: 12:00 still throttling, 12:01 on calm; judged in order, at their times
        deliver(0, 1, 4);
        deliver(1, 9, 0);
        this.evaluation.evaluateAll();
        assertThat(alertOf(rule).state()).isEqualTo(AlarmState.OK);
        assertThat(resolved(rule)).singleElement()
            .satisfies((g) -> assertThat(g.at()).isEqualTo(NOON.plus(Duration.ofMinutes(2))));

        // throttling again at 12:10, then the region falls silent: the alert holds for the silence limit, then the
        // clock decides (an idle region sends nothing) and it resolves
        deliver(10, 1, 2);
        this.evaluation.evaluateAll();
        assertThat(alertOf(rule).state()).isEqualTo(AlarmState.ALARM);
        Instant lastDelivery = this.clock.instant();
        while (Duration.between(lastDelivery, this.clock.instant()).compareTo(Duration.ofMinutes(19)) < 0) {
            this.clock.advance(Duration.ofMinutes(1));
            this.evaluation.evaluateAll();
        }
        assertThat(alertOf(rule).state()).as("within the silence limit").isEqualTo(AlarmState.ALARM);
        this.clock.advance(Duration.ofMinutes(2));
        this.evaluation.evaluateAll();
        assertThat(alertOf(rule).state()).as("silent beyond the limit: idle").isEqualTo(AlarmState.OK);
    }

    /** Delivers {@code count} minutes from {@code NOON + offset} minutes, each with these throttles. */
    private void deliver(int offset, int count, double throttles) throws Exception {
        List<String> updates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long at = NOON.plus(Duration.ofMinutes(offset + i)).toEpochMilli();
            updates.add(MetricStreamDeliveries.update(ACCOUNT, REGION, "AWS/Lambda", "Invocations",
                    "{\"FunctionName\":\"orders\"}", at, "{\"max\":1,\"min\":1,\"sum\":100,\"count\":100}"));
            updates.add(MetricStreamDeliveries.update(ACCOUNT, REGION, "AWS/Lambda", "Throttles",
                    "{\"FunctionName\":\"orders\"}", at,
                    "{\"max\":1,\"min\":0,\"sum\":" + throttles + ",\"count\":100}"));
        }
        String body = MetricStreamDeliveries.delivery("req-" + (++this.deliveries), this.clock.millis(),
                MetricStreamDeliveries.record(updates.toArray(String[]::new)));
        this.mvc.perform(post("/api/v1/metric-streams/firehose").contentType(MediaType.APPLICATION_JSON)
            .header("X-Amz-Firehose-Access-Key", KEY)
            .content(body)).andExpect(status().isOk());
    }

    private List<AlertGroupChanged> resolved(long rule) {
        return this.events.stream(AlertGroupChanged.class).filter((g) -> g.ruleId() == rule && !g.firing()).toList();
    }

    private Alert alertOf(long rule) {
        List<Alert> of = this.alerts.findByRuleId(rule);
        assertThat(of).hasSize(1);
        return of.get(0);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class StartClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }
    }
}
