package dev.lambdalens.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader's time zone from its cookie: a zone people and browsers read alike, UTC for anything unreadable.
 */
class TimeZoneAdviceTests {

    private final TimeZoneAdvice advice = new TimeZoneAdvice();

    @Test
    void shouldWriteTimesInUtcUntilTheReaderChoosesAZone() {
        assertThat(this.advice.zone(null)).isEqualTo("UTC");
        assertThat(this.advice.zone("Z")).as("never the offset's \"Z\", which browsers refuse").isEqualTo("UTC");
    }

    @Test
    void shouldWriteTimesInTheChosenZone() {
        assertThat(this.advice.zone("Asia/Tokyo")).isEqualTo("Asia/Tokyo");
        assertThat(this.advice.zone("America/Argentina/Buenos_Aires")).isEqualTo("America/Argentina/Buenos_Aires");
    }

    @Test
    void shouldFallBackToUtcForACookieThatNamesNoZone() {
        assertThat(this.advice.zone("Mars/Olympus_Mons")).isEqualTo("UTC");
        assertThat(this.advice.zone("'); alert(1); //")).isEqualTo("UTC");
        assertThat(this.advice.zone("x".repeat(200))).isEqualTo("UTC");
    }
}
