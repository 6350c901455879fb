package dev.lambdalens.logs;

import org.jspecify.annotations.Nullable;

/** One log message Lambda or a runtime wrote that LambdaLens understands. */
sealed interface LogLine permits LogLine.Report, LogLine.InitStart, LogLine.Error {

    /**
     * The end of one invocation, from a text {@code REPORT} line or a JSON {@code platform.report} event.
     *
     * @param initMs present on cold starts only
     * @param restoreMs present where SnapStart restored a snapshot
     * @param status {@code success}, {@code timeout}, {@code error} or {@code failure}; success where the line
     * predates the {@code Status} field
     */
    record Report(String requestId, double durationMs, long billedMs, int memoryMb, int maxMemoryMb,
            @Nullable Double initMs, @Nullable Double restoreMs, @Nullable Long billedRestoreMs, String status,
            @Nullable String errorType) implements LogLine {

        boolean coldStart() {
            return this.initMs != null;
        }

        boolean timeout() {
            return "timeout".equals(this.status);
        }

        boolean outOfMemory() {
            return "Runtime.OutOfMemory".equals(this.errorType);
        }
    }

    /**
     * The start of an execution environment's INIT phase ({@code INIT_START} or {@code platform.initStart}).
     *
     * @param initializationType {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start}
     */
    record InitStart(@Nullable String runtimeVersion, @Nullable String initializationType,
            @Nullable String functionVersion) implements LogLine {
    }

    /**
     * An error the function or the runtime logged.
     *
     * @param topFrame the frame the error was raised in, without line numbers; null where the line has no stack
     */
    record Error(@Nullable String requestId, String type, String message, @Nullable String topFrame, String text)
            implements LogLine {

        /** The error type Lambda gives an invocation that ran out of time. */
        static final String TIMEOUT = "Sandbox.Timedout";
    }
}
