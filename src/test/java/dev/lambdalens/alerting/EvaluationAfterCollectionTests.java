package dev.lambdalens.alerting;

import dev.lambdalens.collector.CycleRunner;
import dev.lambdalens.testing.DemoDataConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules are evaluated as soon as a collection is stored, through the collector's event, without waiting for the
 * timer.
 */
@SpringBootTest(properties = { "lambdalens.alerting.enabled=true", "lambdalens.alerting.interval=1h" })
@Import(DemoDataConfiguration.class)
class EvaluationAfterCollectionTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    AlertBoard board;

    @Autowired
    AlertTransitionRepository transitions;

    @Test
    void shouldEvaluateRulesWhenACollectionIsStored() {
        assertThat(this.board.all()).isEmpty();
        CycleRunner.runCycle(this.context);
        // in the background, off the collector's thread
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
            .until(() -> !this.board.firing().isEmpty());
        assertThat(this.board.all()).isNotEmpty();
        assertThat(this.board.all()).allSatisfy((alert) -> assertThat(alert.id()).isPositive());
        assertThat(this.board.firing()).extracting(AlertSummary::function).contains("pdf-renderer");
        // every alert judged out of INSUFFICIENT_DATA has its history (one on a metric with no data yet has none); the
        // evaluation goes on in the background after the first alert fires, so alerts and history are read until
        // the evaluation has caught up
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(this.transitions.count()).isGreaterThanOrEqualTo(this.board.all()
                .stream()
                .filter((alert) -> alert.state() != AlarmState.INSUFFICIENT_DATA)
                .count()));
    }
}
