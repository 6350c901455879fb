package dev.lambdalens.logs;

/**
 * One CloudWatch Logs event of one function: its id (unique in the log group, the same on every redelivery), its
 * time and its message, with the function version its log stream names.
 */
record LogEvent(String id, long timestampMs, String message, String version) {

    long minute() {
        return Math.floorDiv(this.timestampMs, 60_000) * 60;
    }

    /** The version in a Lambda log stream's name: {@code 2025/09/01/[$LATEST]0a1b...} or {@code .../[12]...}. */
    static String versionOf(String logStream) {
        int open = logStream.indexOf('[');
        int close = logStream.indexOf(']', open + 1);
        return (open >= 0 && close > open + 1) ? logStream.substring(open + 1, close) : "$LATEST";
    }
}
