package dev.lambdalens.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsTests {

    @Test
    void shouldSayDurationsAsPeopleSayThem() {
        assertThat(Units.duration(850)).isEqualTo("850 ms");
        assertThat(Units.duration(42_400)).isEqualTo("42 s");
        assertThat(Units.duration(119_000)).isEqualTo("119 s");
        assertThat(Units.duration(4_005_300)).isEqualTo("66 min");
        assertThat(Units.duration(7_200_000)).isEqualTo("2 h");
        assertThat(Units.duration(21_600_000 + 720_000)).isEqualTo("6 h 12 min");
    }

    @Test
    void shouldCountWithSeparatorsAndNoneForNothing() {
        assertThat(Units.count(12_345.6)).isEqualTo("12,346");
        assertThat(Units.count(0.2)).isEqualTo("none");
        assertThat(Units.count(null)).isEqualTo("none");
        assertThat(Units.number(0)).isEqualTo("0");
    }
}
