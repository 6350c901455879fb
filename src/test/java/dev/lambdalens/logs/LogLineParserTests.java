package dev.lambdalens.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogLineParserTests {

    private static final String ID = "8f5a3c2e-1b4d-4e6f-9a7b-0c1d2e3f4a5b";

    @Test
    void shouldReadAWarmTextReport() {
        LogLine.Report report = report("REPORT RequestId: " + ID
                + "\tDuration: 102.25 ms\tBilled Duration: 103 ms\tMemory Size: 128 MB\tMax Memory Used: 72 MB\t\n");
        assertThat(report).isEqualTo(
                new LogLine.Report(ID, 102.25, 103, 128, 72, null, null, null, "success", null));
        assertThat(report.coldStart()).isFalse();
    }

    @Test
    void shouldReadAColdTextReportWithItsInitDuration() {
        LogLine.Report report = report("REPORT RequestId: " + ID + "\tDuration: 2.26 ms\tBilled Duration: 117 ms\t"
                + "Memory Size: 128 MB\tMax Memory Used: 69 MB\tInit Duration: 114.05 ms\t");
        assertThat(report.initMs()).isEqualTo(114.05);
        assertThat(report.billedMs()).isEqualTo(117);
        assertThat(report.durationMs()).isEqualTo(2.26);
        assertThat(report.coldStart()).isTrue();
    }

    @Test
    void shouldReadASnapStartRestore() {
        LogLine.Report report = report("REPORT RequestId: " + ID + "\tDuration: 38.12 ms\tBilled Duration: 39 ms\t"
                + "Memory Size: 1024 MB\tMax Memory Used: 150 MB\tRestore Duration: 268.95 ms\t"
                + "Billed Restore Duration: 125 ms\t");
        assertThat(report.restoreMs()).isEqualTo(268.95);
        assertThat(report.billedRestoreMs()).isEqualTo(125);
        assertThat(report.initMs()).isNull();
    }

    @Test
    void shouldReadATimeoutStatus() {
        LogLine.Report report = report("REPORT RequestId: " + ID + "\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\t"
                + "Memory Size: 512 MB\tMax Memory Used: 88 MB\tStatus: timeout");
        assertThat(report.timeout()).isTrue();
        assertThat(report.outOfMemory()).isFalse();
    }

    @Test
    void shouldReadAnOutOfMemoryKill() {
        LogLine.Report report = report("REPORT RequestId: " + ID + "\tDuration: 1520.40 ms\tBilled Duration: 1521 ms\t"
                + "Memory Size: 256 MB\tMax Memory Used: 256 MB\tStatus: error\tError Type: Runtime.OutOfMemory");
        assertThat(report.status()).isEqualTo("error");
        assertThat(report.outOfMemory()).isTrue();
        assertThat(report.maxMemoryMb()).isEqualTo(256);
    }

    @Test
    void shouldReadAReportWhoseTabsBecameSpaces() {
        LogLine.Report report = report("REPORT RequestId: " + ID + " Duration: 5.5 ms Billed Duration: 6 ms "
                + "Memory Size: 128 MB Max Memory Used: 60 MB Init Duration: 200.1 ms");
        assertThat(report.billedMs()).isEqualTo(6);
        assertThat(report.initMs()).isEqualTo(200.1);
    }

    @Test
    void shouldReadAJsonPlatformReport() {
        LogLine.Report report = report("""
                {"time":"2025-09-01T10:00:00.123Z","type":"platform.report","record":{"requestId":"%s",\
                "metrics":{"durationMs":250.5,"billedDurationMs":481,"memorySizeMB":512,"maxMemoryUsedMB":310,\
                "initDurationMs":230.2},"status":"success"}}""".formatted(ID));
        assertThat(report).isEqualTo(new LogLine.Report(ID, 250.5, 481, 512, 310, 230.2, null, null, "success", null));
    }

    @Test
    void shouldReadAJsonPlatformReportOfATimeout() {
        LogLine.Report report = report("""
                {"time":"2025-09-01T10:00:00.123Z","type":"platform.report","record":{"requestId":"%s",\
                "metrics":{"durationMs":3000.0,"billedDurationMs":3000,"memorySizeMB":128,"maxMemoryUsedMB":128},\
                "status":"error","errorType":"Runtime.OutOfMemory"}}""".formatted(ID));
        assertThat(report.outOfMemory()).isTrue();
    }

    @Test
    void shouldReadAJsonPlatformInitStart() {
        LogLine line = LogLineParser.parse("""
                {"time":"2025-09-01T10:00:00.000Z","type":"platform.initStart","record":{"initializationType":\
                "snap-start","phase":"init","runtimeVersion":"java:21.v28","runtimeVersionArn":\
                "arn:aws:lambda:us-east-1::runtime:abc","functionName":"orders","functionVersion":"7"}}""")
            .orElseThrow();
        assertThat(line).isEqualTo(new LogLine.InitStart("java:21.v28", "snap-start", "7"));
    }

    @Test
    void shouldReadATextInitStart() {
        LogLine line = LogLineParser.parse("INIT_START Runtime Version: python:3.12.v36\tRuntime Version ARN: "
                + "arn:aws:lambda:eu-west-1::runtime:0ab1").orElseThrow();
        assertThat(line).isEqualTo(new LogLine.InitStart("python:3.12.v36", null, null));
    }

    @Test
    void shouldLeaveOtherPlatformEventsAndInfoLinesOut() {
        assertThat(LogLineParser.parse("START RequestId: " + ID + " Version: $LATEST")).isEmpty();
        assertThat(LogLineParser.parse("END RequestId: " + ID)).isEmpty();
        assertThat(LogLineParser.parse("{\"time\":\"x\",\"type\":\"platform.start\",\"record\":{\"requestId\":\"a\"}}"))
            .isEmpty();
        assertThat(LogLineParser.parse("2025-09-01T10:00:00.000Z\t" + ID + "\tINFO\torder 42 stored")).isEmpty();
        assertThat(LogLineParser.parse("{\"level\":\"INFO\",\"message\":\"fine\"}")).isEmpty();
    }

    @Test
    void shouldReadATimeoutLine() {
        LogLine.Error error = error("2025-09-01T10:00:03.010Z " + ID + " Task timed out after 3.00 seconds");
        assertThat(error.type()).isEqualTo("Sandbox.Timedout");
        assertThat(error.requestId()).isEqualTo(ID);
        assertThat(error.message()).isEqualTo("Task timed out after 3.00 seconds");
    }

    @Test
    void shouldReadNodeInvokeErrors() {
        LogLine.Error error = error("2025-09-01T10:00:00.000Z\t" + ID + "\tERROR\tInvoke Error \t"
                + "{\"errorType\":\"TypeError\",\"errorMessage\":\"Cannot read properties of undefined (reading 'id')\","
                + "\"stack\":[\"TypeError: Cannot read properties of undefined (reading 'id')\","
                + "\"    at Runtime.handler (file:///var/task/index.mjs:12:31)\","
                + "\"    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)\"]}");
        assertThat(error.type()).isEqualTo("TypeError");
        assertThat(error.message()).isEqualTo("Cannot read properties of undefined (reading 'id')");
        assertThat(error.topFrame()).isEqualTo("Runtime.handler (file:///var/task/index.mjs)");
        assertThat(error.requestId()).isEqualTo(ID);
    }

    @Test
    void shouldReadANodeConsoleErrorWithAStack() {
        LogLine.Error error = error("2025-09-01T10:00:00.000Z\t" + ID + "\tERROR\tError: connect ECONNREFUSED "
                + "10.0.0.12:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)\n"
                + "    at query (/var/task/db.js:40:11)");
        assertThat(error.type()).isEqualTo("Error");
        assertThat(error.message()).isEqualTo("connect ECONNREFUSED 10.0.0.12:5432");
        assertThat(error.topFrame()).isNotNull();
    }

    @Test
    void shouldReadANodeJsonFormatErrorLine() {
        LogLine.Error error = error("{\"timestamp\":\"2025-09-01T10:00:00.000Z\",\"level\":\"ERROR\",\"requestId\":\""
                + ID + "\",\"message\":{\"errorType\":\"ValidationError\",\"errorMessage\":\"amount must be positive\","
                + "\"stackTrace\":[\"ValidationError: amount must be positive\","
                + "\"    at validate (/var/task/app.js:8:9)\"]}}");
        assertThat(error.type()).isEqualTo("ValidationError");
        assertThat(error.topFrame()).isEqualTo("validate (/var/task/app.js)");
        assertThat(error.requestId()).isEqualTo(ID);
    }

    @Test
    void shouldReadAPythonUnhandledErrorWithTraceback() {
        LogLine.Error error = error("[ERROR] KeyError: 'order_id'\nTraceback (most recent call last):\n"
                + "  File \"/var/lang/lib/python3.12/site-packages/app/bootstrap.py\", line 20, in run\n"
                + "    handle(event)\n"
                + "  File \"/var/task/lambda_function.py\", line 5, in lambda_handler\n"
                + "    order = event['order_id']");
        assertThat(error.type()).isEqualTo("KeyError");
        assertThat(error.message()).isEqualTo("'order_id'");
        assertThat(error.topFrame()).isEqualTo("/var/task/lambda_function.py in lambda_handler");
    }

    @Test
    void shouldReadAPythonRuntimeErrorJson() {
        LogLine.Error error = error("{\"errorMessage\": \"division by zero\", \"errorType\": \"ZeroDivisionError\", "
                + "\"requestId\": \"" + ID + "\", \"stackTrace\": [\"  File \\\"/var/task/app.py\\\", line 3, in "
                + "handler\\n    return 1 / 0\\n\"]}");
        assertThat(error.type()).isEqualTo("ZeroDivisionError");
        assertThat(error.topFrame()).isEqualTo("/var/task/app.py in handler");
        assertThat(error.requestId()).isEqualTo(ID);
    }

    @Test
    void shouldReadAPythonLoggingErrorLine() {
        LogLine.Error error = error("[ERROR]\t2025-09-01T10:00:00.000Z\t" + ID + "\tpayment provider refused: 402");
        assertThat(error.type()).isEqualTo("ERROR");
        assertThat(error.message()).isEqualTo("payment provider refused: 402");
        assertThat(error.requestId()).isEqualTo(ID);
    }

    @Test
    void shouldReadAPythonJsonFormatErrorLine() {
        LogLine.Error error = error("{\"timestamp\":\"2025-09-01T10:00:00Z\",\"level\":\"ERROR\",\"message\":"
                + "\"boom\",\"logger\":\"root\",\"requestId\":\"" + ID + "\",\"errorType\":\"RuntimeError\","
                + "\"errorMessage\":\"boom\",\"stackTrace\":[\"  File \\\"/var/task/app.py\\\", line 9, in handler\\n\"]}");
        assertThat(error.type()).isEqualTo("RuntimeError");
        assertThat(error.topFrame()).isEqualTo("/var/task/app.py in handler");
    }

    @Test
    void shouldReadAJavaUnhandledErrorJson() {
        LogLine.Error error = error("{\"errorMessage\":\"Order 123 not found\",\"errorType\":"
                + "\"com.example.orders.OrderNotFoundException\",\"stackTrace\":["
                + "\"com.example.orders.OrderService.find(OrderService.java:42)\","
                + "\"com.example.orders.Handler.handleRequest(Handler.java:18)\"]}");
        assertThat(error.type()).isEqualTo("com.example.orders.OrderNotFoundException");
        assertThat(error.message()).isEqualTo("Order 123 not found");
        assertThat(error.topFrame()).isEqualTo("com.example.orders.OrderService.find");
    }

    @Test
    void shouldReadAJavaStackTrace() {
        LogLine.Error error = error("2025-09-01 10:00:00 " + ID + " ERROR Handler:42 - failed to store order\n"
                + "java.lang.IllegalStateException: connection pool exhausted after 30000 ms\n"
                + "\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)\n"
                + "\tat com.example.orders.Handler.handleRequest(Handler.java:20)");
        assertThat(error.type()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.message()).isEqualTo("connection pool exhausted after 30000 ms");
        assertThat(error.topFrame()).isEqualTo("com.zaxxer.hikari.pool.HikariPool.getConnection");
        assertThat(error.requestId()).isEqualTo(ID);
    }

    @Test
    void shouldReadABareJavaStackTrace() {
        LogLine.Error error = error("java.lang.NullPointerException: Cannot invoke \"String.length()\" because "
                + "\"name\" is null\n\tat com.example.Greeter.greet(Greeter.java:7)");
        assertThat(error.type()).isEqualTo("java.lang.NullPointerException");
        assertThat(error.topFrame()).isEqualTo("com.example.Greeter.greet");
    }

    @Test
    void shouldReadARuntimeExit() {
        LogLine.Error error = error("RequestId: " + ID + " Error: Runtime exited with error: signal: killed\n"
                + "Runtime.ExitError");
        assertThat(error.type()).isEqualTo("Runtime.ExitError");
        assertThat(error.requestId()).isEqualTo(ID);
    }

    private static LogLine.Report report(String message) {
        return (LogLine.Report) LogLineParser.parse(message).orElseThrow();
    }

    private static LogLine.Error error(String message) {
        return (LogLine.Error) LogLineParser.parse(message).orElseThrow();
    }
}
