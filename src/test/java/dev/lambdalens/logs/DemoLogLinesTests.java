package dev.lambdalens.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.FunctionSummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's log lines, read back through the same parser as real ones. */
class DemoLogLinesTests {

    static final long FROM = Instant.parse("2026-11-28T00:00:00Z").getEpochSecond();

    @Test
    void shouldStartColdAfterAnIdleSpell() {
        FunctionSummary f = function("orders-api", "nodejs20.x", 512, 29);
        int coldAfterIdle = 0;
        for (long m = FROM; m < FROM + 86_400; m += 60) {
            if (DemoLogLines.invocations(f, m - 60) == 0 && DemoLogLines.invocations(f, m) > 0) {
                LogLine.Report first = reports(f, m, m + 60).get(0);
                assertThat(first.coldStart()).isTrue();
                assertThat(first.billedMs()).isEqualTo((long) Math.ceil(first.durationMs() + first.initMs()));
                coldAfterIdle++;
            }
        }
        assertThat(coldAfterIdle).isPositive();
    }

    @Test
    void shouldTimeOutTheRendererAndKeepTheResizerNearItsMemorySize() {
        FunctionSummary renderer = function("pdf-renderer", "java17", 1536, 30);
        List<LogLine> lines = lines(renderer, FROM, FROM + 7200);
        assertThat(lines).filteredOn((l) -> l instanceof LogLine.Report r && r.timeout()).isNotEmpty();
        assertThat(lines).filteredOn((l) -> l instanceof LogLine.Error e && e.type().equals("Sandbox.Timedout"))
            .isNotEmpty();
        FunctionSummary resizer = function("image-resizer", "python3.12", 2048, 60);
        assertThat(reports(resizer, FROM, FROM + 7200)).allSatisfy((r) -> assertThat(r.maxMemoryMb())
            .isGreaterThanOrEqualTo((int) (2048 * 0.9)));
    }

    @Test
    void shouldLogTheErrorShapesOfEachRuntime() {
        assertThat(lines(function("payment-webhook", "nodejs20.x", 256, 15), FROM, FROM + 3600))
            .filteredOn((l) -> l instanceof LogLine.Error e && e.type().equals("SignatureVerificationError")
                    && "verify (/var/task/webhook.js)".equals(e.topFrame()))
            .isNotEmpty();
        assertThat(lines(function("checkout-api", "java21", 1024, 30), FROM, FROM + 86_400))
            .filteredOn((l) -> l instanceof LogLine.Error e
                    && e.type().equals("com.example.checkout.CartExpiredException")
                    && "com.example.checkout.Carts.load".equals(e.topFrame()))
            .isNotEmpty();
        assertThat(lines(function("auth-authorizer", "python3.12", 128, 5), FROM, FROM + 86_400))
            .filteredOn((l) -> l instanceof LogLine.Error e && e.type().equals("KeyError")
                    && "/var/task/authorizer.py in handler".equals(e.topFrame()))
            .isNotEmpty();
    }

    @Test
    void shouldWriteTheSameLinesForAMinuteEveryTime() {
        FunctionSummary f = function("payment-webhook", "nodejs20.x", 256, 15);
        assertThat(DemoLogLines.of(f, FROM + 600)).isEqualTo(DemoLogLines.of(f, FROM + 600));
    }

    private static List<LogLine.Report> reports(FunctionSummary f, long from, long to) {
        return lines(f, from, to).stream().filter(LogLine.Report.class::isInstance).map(LogLine.Report.class::cast)
            .toList();
    }

    private static List<LogLine> lines(FunctionSummary f, long from, long to) {
        List<LogLine> lines = new ArrayList<>();
        for (long m = from; m < to; m += 60) {
            DemoLogLines.of(f, m).forEach((e) -> LogLineParser.parse(e.message()).ifPresent(lines::add));
        }
        return lines;
    }

    static FunctionSummary function(String name, String runtime, int memory, int timeout) {
        return new FunctionSummary("123456789012", "us-east-1", name, "arn:" + name, runtime, Architecture.X86_64,
                memory, timeout, null, 1_000_000, Map.of(), 0, 0, null, FunctionState.ACTIVE, Instant.EPOCH,
                Instant.EPOCH, 512, List.of(), false);
    }
}
