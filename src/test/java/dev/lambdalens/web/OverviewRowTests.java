package dev.lambdalens.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.FunctionSummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OverviewRowTests {

    @Test
    void formatsTheFiguresAndWarnsWhereTheyCrossTheirThresholds() {
        OverviewRow row = new OverviewRow.Formatter(Locale.ENGLISH).row(new FunctionRow(function(null, 50),
                new FunctionFigures(12_345.0, 1_000.0, 3.0, 40.0, 2_700.0, 0.9)));

        assertThat(row.invocations()).isEqualTo(new OverviewRow.Cell("12,345", "12345.0", false));
        assertThat(row.errors().text()).isEqualTo("1,000");
        assertThat(row.errorRate()).isEqualTo(new OverviewRow.Cell("8.10%", String.valueOf(1_000.0 / 12_345), true));
        assertThat(row.throttles()).isEqualTo(new OverviewRow.Cell("3", "3.0", true));
        assertThat(row.peakConcurrency().text()).isEqualTo("40");
        assertThat(row.reserved()).isEqualTo("/ 50 reserved");
        assertThat(row.p99ShareOfTimeout()).isEqualTo(new OverviewRow.Cell("90.0%", "0.9", true));
        assertThat(row.runtime()).isEqualTo("container image · arm64");
        assertThat(row.search()).contains("checkout", "eu-west-1", "arm64", "team=payments");
    }

    @Test
    void aFunctionWithoutDataShowsDashesThatSortLast() {
        OverviewRow row = new OverviewRow.Formatter(Locale.ENGLISH).row(new FunctionRow(function("java21", null),
                new FunctionFigures(null, null, null, null, null, null)));

        for (OverviewRow.Cell cell : List.of(row.invocations(), row.errors(), row.errorRate(), row.throttles(),
                row.peakConcurrency(), row.p99ShareOfTimeout())) {
            assertThat(cell).isEqualTo(new OverviewRow.Cell("–", "-1", false));
        }
        assertThat(row.reserved()).isNull();
        assertThat(row.runtime()).isEqualTo("java21 · arm64");
    }

    @Test
    void sharesFollowTheReadersLocaleAndCountsKeepTheirCommas() {
        OverviewRow row = new OverviewRow.Formatter(Locale.GERMANY).row(new FunctionRow(function("java21", null),
                new FunctionFigures(2_000.0, 100.0, 0.0, 1.0, 100.0, 0.5)));

        assertThat(row.invocations().text()).isEqualTo("2,000");
        assertThat(row.errorRate().text()).isEqualTo("5,00\u00a0%"); // a no-break space, as German writes it
        assertThat(row.errorRate().warn()).isTrue();
        assertThat(row.throttles().warn()).isFalse();
    }

    static FunctionSummary function(String runtime, Integer reserved) {
        return new FunctionSummary("123456789012", "eu-west-1", "checkout", "arn", runtime, Architecture.ARM64, 1024,
                3, reserved, 1_000, Map.of("team", "payments"), 0, 0, null, FunctionState.ACTIVE, Instant.EPOCH,
                Instant.EPOCH, 512, List.of(), false);
    }
}
