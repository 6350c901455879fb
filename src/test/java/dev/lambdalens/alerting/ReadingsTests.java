package dev.lambdalens.alerting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values as an on-call engineer reads them, never as a 15-digit float.
 */
class ReadingsTests {

    @Test
    void shouldKeepThreeSignificantDigitsBelowAHundred() {
        assertThat(Readings.format(40.2512345678901, "%")).isEqualTo("40.3%");
        assertThat(Readings.format(4.999999999999999, "%")).isEqualTo("5%");
        assertThat(Readings.format(0.000123456, "percent")).isEqualTo("0.000123%");
        assertThat(Readings.format(2.5, "count")).isEqualTo("2.5");
        assertThat(Readings.format(99.96, "%")).isEqualTo("100%");
        assertThat(Readings.format(-0.0004, "count")).isEqualTo("-0.0004");
    }

    @Test
    void shouldWriteWholeNumbersFromAHundredUpGrouped() {
        assertThat(Readings.format(12345.678, "milliseconds")).isEqualTo("12,346 ms");
        assertThat(Readings.format(1234567, "count")).isEqualTo("1,234,567");
        assertThat(Readings.format(100.4, "megabytes")).isEqualTo("100 MB");
    }

    @Test
    void shouldWriteCountsAsIntegersAndEachUnitAsPeopleDo() {
        assertThat(Readings.format(7.0, "count")).isEqualTo("7");
        assertThat(Readings.format(0, "count")).isEqualTo("0");
        assertThat(Readings.format(-0.0, "")).isEqualTo("0");
        assertThat(Readings.format(12.0, "min")).isEqualTo("12 min");
        assertThat(Readings.format(512.3, "megabytes")).isEqualTo("512 MB");
        assertThat(Readings.format(3.14159, "milliseconds")).isEqualTo("3.14 ms");
    }

    @Test
    void shouldWriteNotificationValuesAndThresholdsTheSameWay() {
        assertThat(ConditionWords.number(12345.678)).isEqualTo("12,346");
        assertThat(ConditionWords.number(40.2512345678901)).isEqualTo("40.3");
        assertThat(ConditionWords.number(5)).isEqualTo("5");
    }
}
