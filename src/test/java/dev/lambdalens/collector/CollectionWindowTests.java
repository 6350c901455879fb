package dev.lambdalens.collector;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static dev.lambdalens.collector.CollectorPropertiesFixture.collectorProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CollectionWindowTests {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:42Z");

    private static final Instant END = Instant.parse("2026-11-28T12:00:00Z");

    private final CollectorProperties properties = collectorProperties().build();

    @Test
    void shouldBackfillTheInitialPeriodOnAFirstRun() {
        CollectionWindow window = CollectionWindow.next(null, NOW, this.properties).orElseThrow();
        assertThat(window.start()).isEqualTo(END.minus(Duration.ofHours(24)));
        assertThat(window.end()).isEqualTo(END);
        assertThat(window.minutes()).isEqualTo(1440);
    }

    @Test
    void shouldRefetchTheTrailingWindowBehindTheWatermark() {
        Instant watermark = END.minus(Duration.ofMinutes(1));
        CollectionWindow window = CollectionWindow.next(watermark, NOW, this.properties).orElseThrow();
        assertThat(window.start()).isEqualTo(watermark.minus(Duration.ofMinutes(15)));
        assertThat(window.end()).isEqualTo(END);
    }

    @Test
    void shouldBackfillAGapAfterDowntimeUpToTheHorizon() {
        Instant twoHoursAgo = END.minus(Duration.ofHours(2));
        assertThat(CollectionWindow.next(twoHoursAgo, NOW, this.properties).orElseThrow().start())
            .isEqualTo(twoHoursAgo.minus(Duration.ofMinutes(15)));
        Instant aWeekAgo = END.minus(Duration.ofDays(7));
        assertThat(CollectionWindow.next(aWeekAgo, NOW, this.properties).orElseThrow().start())
            .isEqualTo(END.minus(Duration.ofDays(3)));
    }

    @Test
    void shouldFetchNothingWhenTheTrailingWindowIsZeroAndNoMinuteEndedSinceTheWatermark() {
        CollectorProperties noTrailing = collectorProperties().trailingWindow(Duration.ZERO).build();
        assertThat(CollectionWindow.next(END, NOW, noTrailing)).isEmpty();
    }

    @Test
    void shouldSplitALongWindowIntoConsecutiveParts() {
        CollectionWindow window = new CollectionWindow(END.minus(Duration.ofMinutes(250)), END);
        assertThat(window.split(100)).extracting(CollectionWindow::minutes).containsExactly(100L, 100L, 50L);
        assertThat(window.split(100).get(2).end()).isEqualTo(END);
    }

    @Test
    void shouldRefuseConfigurationBeyondWhatCloudWatchKeeps() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> collectorProperties().backfillHorizon(Duration.ofDays(16)).build())
            .withMessageContaining("lambdalens.collector.backfill-horizon")
            .withMessageContaining("15 days");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> collectorProperties().interval(Duration.ofSeconds(1)).build())
            .withMessageContaining("lambdalens.collector.interval");
    }
}
