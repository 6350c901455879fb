package dev.lambdalens.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one CloudWatch Logs message of a Lambda function: the text {@code REPORT} and {@code INIT_START} lines, the
 * JSON {@code platform.report} and {@code platform.initStart} events, timeouts, and the error shapes of the Node.js,
 * Python and Java runtimes (their unhandled-error JSON, their stack traces, and {@code ERROR} level lines in either
 * log format). Anything else is not for LambdaLens and is left out.
 */
final class LogLineParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Each REPORT field; a longer name first, so that {@code Duration} never matches inside another name. */
    private static final Pattern REPORT_FIELD = Pattern.compile("(RequestId|Billed Restore Duration|Restore Duration|"
            + "Billed Duration|Init Duration|Max Memory Used|Memory Size|Duration|Status|Error Type): (\\S+)");

    private static final Pattern UUID = Pattern
        .compile("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");

    private static final Pattern TIMEOUT = Pattern.compile("Task timed out after ([\\d.]+) seconds");

    /** {@code <ISO time>\t<request id>\tERROR\t<message>}: Node.js console.error and Python's logging. */
    private static final Pattern TEXT_ERROR = Pattern
        .compile("^(?:\\[ERROR]\\s+)?\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\s+(\\S+)\\s+(?:ERROR\\s+)?(.*)$", Pattern.DOTALL);

    /** Python's runtime: {@code [ERROR] KeyError: 'id'} then the traceback. */
    private static final Pattern PYTHON_ERROR = Pattern.compile("^\\[ERROR]\\s+([A-Za-z_][\\w.]*): ?(.*)$",
            Pattern.DOTALL);

    /** An exception's first line: {@code java.lang.IllegalStateException: boom}, {@code TypeError: x}. */
    private static final Pattern EXCEPTION = Pattern
        .compile("^(?:Exception in thread \"[^\"]*\" )?((?:[A-Za-z_$][\\w$]*\\.)*[\\w$]*(?:Error|Exception|"
                + "Throwable|Fault)\\w*):? ?(.*)$");

    private static final Pattern JAVA_FRAME = Pattern.compile("^\\s*at ([\\w$.<>]+)\\(([^)]*)\\)");

    private static final Pattern NODE_FRAME = Pattern.compile("^\\s*at (?:(.+?) \\()?(.+?)(?::\\d+){1,2}\\)?$");

    private static final Pattern PYTHON_FRAME = Pattern.compile("^\\s*File \"([^\"]+)\", line \\d+, in (\\S+)");

    private static final Pattern LOG4J_ERROR = Pattern.compile("^\\S+ \\S+ (\\S+) ERROR \\S+.*?- (.*)$", Pattern.DOTALL);

    private LogLineParser() {
    }

    static Optional<LogLine> parse(String message) {
        String line = message.strip();
        if (line.startsWith("REPORT ")) {
            return Optional.ofNullable(textReport(line));
        }
        if (line.startsWith("INIT_START ")) {
            return Optional.of(textInitStart(line));
        }
        if (line.startsWith("{")) {
            JsonNode node = json(line);
            if (node != null) {
                return jsonLine(node, line);
            }
        }
        return textError(line);
    }

    private static LogLine.@Nullable Report textReport(String line) {
        String requestId = null;
        Double duration = null;
        Long billed = null;
        Integer memory = null;
        Integer used = null;
        Double init = null;
        Double restore = null;
        Long billedRestore = null;
        String status = "success";
        String errorType = null;
        Matcher m = REPORT_FIELD.matcher(line);
        while (m.find()) {
            String value = m.group(2);
            try {
                switch (m.group(1)) {
                    case "RequestId" -> requestId = value;
                    case "Duration" -> duration = Double.parseDouble(value);
                    case "Billed Duration" -> billed = Long.parseLong(value);
                    case "Memory Size" -> memory = Integer.parseInt(value);
                    case "Max Memory Used" -> used = Integer.parseInt(value);
                    case "Init Duration" -> init = Double.parseDouble(value);
                    case "Restore Duration" -> restore = Double.parseDouble(value);
                    case "Billed Restore Duration" -> billedRestore = Long.parseLong(value);
                    case "Status" -> status = value;
                    case "Error Type" -> errorType = value;
                    default -> {
                    }
                }
            }
            catch (NumberFormatException ex) {
                return null; // not a report Lambda wrote
            }
        }
        if (requestId == null || duration == null || billed == null || memory == null || used == null) {
            return null;
        }
        return new LogLine.Report(requestId, duration, billed, memory, used, init, restore, billedRestore, status,
                errorType);
    }

    private static LogLine.InitStart textInitStart(String line) {
        Matcher version = Pattern.compile("Runtime Version: (\\S+)").matcher(line);
        return new LogLine.InitStart(version.find() ? version.group(1) : null, null, null);
    }

    private static Optional<LogLine> jsonLine(JsonNode node, String line) {
        String type = node.path("type").asString("");
        JsonNode record = node.path("record");
        if ("platform.report".equals(type)) {
            return Optional.ofNullable(jsonReport(record));
        }
        if ("platform.initStart".equals(type)) {
            return Optional.of(new LogLine.InitStart(textOrNull(record, "runtimeVersion"),
                    textOrNull(record, "initializationType"), textOrNull(record, "functionVersion")));
        }
        if (type.startsWith("platform.")) {
            return Optional.empty();
        }
        // an unhandled error as the runtime prints it, or a JSON-format log line at ERROR level
        JsonNode error = node.path("message").isObject() ? node.path("message") : node;
        String level = node.path("level").asString("");
        String requestId = firstText(node, "requestId", "AWSRequestId", "awsRequestId");
        if (requestId == null) {
            requestId = firstText(error, "requestId", "AWSRequestId");
        }
        if (error.hasNonNull("errorType")) {
            String errorMessage = error.path("errorMessage").asString("");
            return Optional.of(new LogLine.Error(requestId, error.get("errorType").asString(), errorMessage,
                    topFrame(stack(error)), line));
        }
        if ("ERROR".equalsIgnoreCase(level) || "FATAL".equalsIgnoreCase(level)) {
            String text = node.path("message").isString() ? node.path("message").asString() : line;
            List<String> stack = stack(node);
            Optional<LogLine> fromText = exception(requestId, text, line);
            if (fromText.isPresent()) {
                return fromText;
            }
            return Optional.of(new LogLine.Error(requestId, "ERROR", firstLine(text), topFrame(stack), line));
        }
        return Optional.empty();
    }

    private static LogLine.@Nullable Report jsonReport(JsonNode record) {
        JsonNode metrics = record.path("metrics");
        String requestId = textOrNull(record, "requestId");
        if (requestId == null || !metrics.path("durationMs").isNumber() || !metrics.path("billedDurationMs").isNumber()
                || !metrics.path("memorySizeMB").isNumber() || !metrics.path("maxMemoryUsedMB").isNumber()) {
            return null;
        }
        return new LogLine.Report(requestId, metrics.get("durationMs").asDouble(),
                metrics.get("billedDurationMs").asLong(), metrics.get("memorySizeMB").asInt(),
                metrics.get("maxMemoryUsedMB").asInt(), number(metrics, "initDurationMs"),
                number(metrics, "restoreDurationMs"),
                metrics.path("billedRestoreDurationMs").isNumber() ? metrics.get("billedRestoreDurationMs").asLong()
                        : null,
                record.path("status").asString("success"), textOrNull(record, "errorType"));
    }

    private static Optional<LogLine> textError(String line) {
        Matcher timeout = TIMEOUT.matcher(line);
        if (timeout.find()) {
            return Optional.of(new LogLine.Error(requestId(line), LogLine.Error.TIMEOUT, timeout.group(), null, line));
        }
        if (line.contains("Runtime exited with error") || line.contains("Runtime.ExitError")) {
            String type = line.contains("Runtime.OutOfMemory") ? "Runtime.OutOfMemory" : "Runtime.ExitError";
            return Optional.of(new LogLine.Error(requestId(line), type, firstLine(line.replaceFirst(
                    "^.*?Error: ", "")), null, line));
        }
        Matcher python = PYTHON_ERROR.matcher(line);
        if (python.matches()) {
            String rest = python.group(2);
            return Optional.of(new LogLine.Error(requestId(line), python.group(1), firstLine(rest),
                    topFrame(List.of(rest.split("\n"))), line));
        }
        Matcher text = TEXT_ERROR.matcher(line);
        if (text.matches() && isErrorLevel(line)) {
            String requestId = UUID.matcher(text.group(1)).matches() ? text.group(1) : requestId(line);
            String body = text.group(2).strip();
            int json = body.indexOf('{');
            if (json >= 0) {
                JsonNode node = json(body.substring(json));
                if (node != null && node.hasNonNull("errorType")) {
                    return Optional.of(new LogLine.Error(requestId, node.get("errorType").asString(),
                            node.path("errorMessage").asString(""), topFrame(stack(node)), line));
                }
            }
            Optional<LogLine> exception = exception(requestId, body, line);
            return exception.isPresent() ? exception
                    : Optional.of(new LogLine.Error(requestId, "ERROR", firstLine(body), null, line));
        }
        Matcher log4j = LOG4J_ERROR.matcher(line);
        if (log4j.matches()) {
            String body = log4j.group(2);
            Optional<LogLine> exception = exception(requestId(line), body, line);
            return exception.isPresent() ? exception
                    : Optional.of(new LogLine.Error(requestId(line), "ERROR", firstLine(body), topFrame(
                            List.of(body.split("\n"))), line));
        }
        return exception(requestId(line), line, line);
    }

    private static boolean isErrorLevel(String line) {
        return line.startsWith("[ERROR]") || line.matches("(?s)^\\S+\\s+\\S+\\s+ERROR\\s.*");
    }

    /** A stack trace printed as text: an exception's first line, then its frames. */
    private static Optional<LogLine> exception(@Nullable String requestId, String text, String line) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = EXCEPTION.matcher(lines[i].strip());
            if (m.matches()) {
                List<String> frames = List.of(lines).subList(i + 1, lines.length);
                boolean hasFrames = frames.stream().anyMatch((f) -> JAVA_FRAME.matcher(f).find()
                        || f.strip().startsWith("at ") || PYTHON_FRAME.matcher(f).find());
                if (i > 0 && !hasFrames) {
                    continue;
                }
                if (i == 0 && !hasFrames && lines.length == 1 && !m.group(1).contains(".")
                        && !m.group(1).endsWith("Error")) {
                    continue;
                }
                return Optional.of(new LogLine.Error(requestId, m.group(1), m.group(2).strip(), topFrame(frames),
                        line));
            }
        }
        return Optional.empty();
    }

    /**
     * The frame an error was raised in, without line numbers (so that a fix elsewhere in the file keeps the group):
     * Java's and Node's first frame; Python's last, as a traceback lists the innermost call last.
     */
    static @Nullable String topFrame(List<String> stack) {
        String python = null;
        for (String raw : stack) {
            for (String frame : raw.split("\n")) {
                Matcher java = JAVA_FRAME.matcher(frame);
                if (java.find()) {
                    return java.group(1);
                }
                Matcher py = PYTHON_FRAME.matcher(frame);
                if (py.find()) {
                    python = py.group(1) + " in " + py.group(2);
                    continue;
                }
                Matcher node = NODE_FRAME.matcher(frame.strip().startsWith("at ") ? frame : "");
                if (node.find()) {
                    return (node.group(1) != null) ? node.group(1) + " (" + node.group(2) + ")" : node.group(2);
                }
                // Java's unhandled-error JSON lists bare frames: com.example.Handler.handle(Handler.java:20)
                Matcher bare = JAVA_FRAME.matcher("at " + frame.strip());
                if (python == null && bare.find() && frame.contains(".java")) {
                    return bare.group(1);
                }
            }
        }
        return python;
    }

    private static List<String> stack(JsonNode error) {
        JsonNode stack = error.hasNonNull("stackTrace") ? error.get("stackTrace") : error.path("stack");
        List<String> frames = new ArrayList<>();
        if (stack.isArray()) {
            stack.forEach((f) -> frames.add(f.asString("")));
        }
        else if (stack.isString()) {
            frames.addAll(List.of(stack.asString().split("\n")));
        }
        return frames;
    }

    private static @Nullable String requestId(String line) {
        Matcher m = UUID.matcher(line);
        return m.find() ? m.group() : null;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return ((newline >= 0) ? text.substring(0, newline) : text).strip();
    }

    private static @Nullable JsonNode json(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return (node != null && node.isObject()) ? node : null;
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    private static @Nullable String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return (value != null && value.isString()) ? value.asString() : null;
    }

    private static @Nullable String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = textOrNull(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static @Nullable Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return (value != null && value.isNumber()) ? value.asDouble() : null;
    }
}
