package dev.lambdalens.insights;

import java.time.Instant;
import java.util.List;

import dev.lambdalens.cost.RegionPrices;
import dev.lambdalens.insights.ChangeImpact.Configuration;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.FunctionChange;
import dev.lambdalens.inventory.FunctionChange.Difference;
import dev.lambdalens.inventory.FunctionChange.Setting;
import dev.lambdalens.metrics.Point;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A change measured before and after against figures worked out by hand, with minutes of very different invocation
 * counts, so that an average of the minutes' averages (not weighted by invocations) would be found out.
 */
class ChangeImpactTests {

    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    private static final FunctionChange MEMORY_RAISED = new FunctionChange(T.plusSeconds(300), null,
            List.of(new Difference(Setting.MEMORY, "256", "512")));

    @Test
    void shouldWeighDurationByInvocationsAndTakeTheHighestMinuteP99() {
        ChangeImpact.Side before = before();
        assertThat(before.invocations()).isEqualTo(400);
        // (20,000 + 30,000) ms over 400 invocations, not (200 + 100) / 2
        assertThat(before.averageMs()).isEqualTo(125.0);
        assertThat(before.highestP99Ms()).isEqualTo(400.0);
        assertThat(before.errors()).isEqualTo(3);
        assertThat(before.errorRate()).isEqualTo(0.0075);
        assertThat(before.throttles()).isEqualTo(5);
        assertThat(before.throttleRate()).isCloseTo(5.0 / 405, within(1e-15));
        // $0.20 per million requests + 0.25 GB x 0.125 s x $0.0000133334 per GB-s (arm64, first tier)
        assertThat(before.costPerInvocation()).isCloseTo(6.1666875e-7, within(1e-18));
    }

    @Test
    void shouldReadAMemoryRaiseAsP99DownAndCostPerInvocationUp() {
        ChangeImpact impact = new ChangeImpact(MEMORY_RAISED, before(), after());
        assertThat(impact.after().averageMs()).isEqualTo(70.0); // (4,000 + 24,000) / 400
        assertThat(impact.after().costPerInvocation()).isCloseTo(6.66669e-7, within(1e-18));
        assertThat(impact.averageChange()).isCloseTo(-0.44, within(1e-12));
        assertThat(impact.p99Change()).isCloseTo(-0.4, within(1e-12));
        assertThat(impact.errorRateChange()).isCloseTo(-2.0 / 3, within(1e-12));
        assertThat(impact.throttlesChange()).isEqualTo(-1.0);
        assertThat(impact.costPerInvocationChange()).isCloseTo(6.66669e-7 / 6.1666875e-7 - 1, within(1e-12));
        assertThat(impact.headline()).isEqualTo("p99 -40%, cost per invocation +8%");
        assertThat(impact.window()).hasMinutes(3);
    }

    @Test
    void shouldSayWhenAChangeHasNoMeaning() {
        assertThat(ChangeImpact.relative(0.0, 5.0)).isNull();
        assertThat(ChangeImpact.relative(null, 5.0)).isNull();
        assertThat(ChangeImpact.percent(null)).isEqualTo("n/a");
        assertThat(ChangeImpact.percent(0.004)).isEqualTo("±0%");
        assertThat(ChangeImpact.percent(0.125)).isEqualTo("+13%");
        ChangeImpact.Side silent = ChangeImpact.side(T, T.plusSeconds(180), List.of(), List.of(), List.of(), List.of(),
                List.of(), new Configuration(256, Architecture.ARM64, 512), RegionPrices.US_EAST_1);
        assertThat(silent.averageMs()).isNull();
        assertThat(silent.costPerInvocation()).isNull();
        assertThat(silent.errorRate()).isNull();
    }

    /** [10:00, 10:03) at 256 MB; a busy minute just before the window is left out. */
    private static ChangeImpact.Side before() {
        return ChangeImpact.side(T, T.plusSeconds(180),
                List.of(p(-60, 1_000), p(0, 100), p(60, 300)), List.of(p(-60, 50), p(0, 1), p(60, 2)),
                List.of(p(0, 0), p(60, 5)), List.of(p(-60, 900_000), p(0, 20_000), p(60, 30_000)),
                List.of(p(-60, 5_000), p(0, 400), p(60, 300)), new Configuration(256, Architecture.ARM64, 512),
                RegionPrices.US_EAST_1);
    }

    /** [10:05, 10:08) at 512 MB; a minute at the window's end is left out. */
    private static ChangeImpact.Side after() {
        return ChangeImpact.side(T.plusSeconds(300), T.plusSeconds(480),
                List.of(p(300, 50), p(360, 350), p(480, 7)), List.of(p(300, 0), p(360, 1)),
                List.of(p(300, 0), p(360, 0)), List.of(p(300, 4_000), p(360, 24_000), p(480, 1_000)),
                List.of(p(300, 150), p(360, 240), p(480, 9_999)), new Configuration(512, Architecture.ARM64, 512),
                RegionPrices.US_EAST_1);
    }

    private static Point p(long secondsAfterT, double value) {
        return new Point(T.getEpochSecond() + secondsAfterT, value);
    }
}
