package dev.lambdalens.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.lambdalens.inventory.FunctionSummary;

/**
 * The log lines the demo account's functions write, as Lambda and their runtimes would: a REPORT line per
 * invocation (an INIT duration after an idle spell or a recycled environment), {@code Task timed out} and
 * {@code Status: timeout} for the renderer at its timeout, a resizer near its memory size (and now and then killed
 * for it), and the error shapes of Node.js, Python and Java for the error-prone ones. A minute's lines are a pure
 * function of (function, minute), so generating them again stores nothing new.
 */
final class DemoLogLines {

    private DemoLogLines() {
    }

    /** The events of one function in one minute (epoch seconds). */
    static List<LogEvent> of(FunctionSummary f, long minute) {
        int invocations = invocations(f, minute);
        List<LogEvent> events = new ArrayList<>();
        if (invocations == 0) {
            return events;
        }
        SplittableRandom random = new SplittableRandom((f.region() + "/" + f.name()).hashCode() * 31L + minute);
        boolean idleBefore = invocations(f, minute - 60) == 0;
        String runtime = (f.runtime() != null) ? f.runtime() : "provided";
        for (int i = 0; i < invocations; i++) {
            String id = f.name() + "-" + minute + "-" + i;
            String requestId = requestId(random);
            long at = minute * 1000 + (i * 59_000L / invocations) + random.nextInt(900);
            boolean cold = (i == 0 && idleBefore) || random.nextInt(60) == 0;
            Double init = cold ? initMs(runtime, random) : null;
            double duration = durationMs(f, random);
            boolean timeout = f.name().equals("pdf-renderer") && random.nextInt(6) == 0;
            if (timeout) {
                duration = f.timeoutSeconds() * 1000.0;
            }
            int used = usedMb(f, random);
            boolean oom = f.name().equals("image-resizer") && random.nextInt(150) == 0;
            if (oom) {
                used = f.memoryMb();
            }
            long billed = (long) Math.ceil(duration + ((init != null) ? init : 0));
            StringBuilder report = new StringBuilder("REPORT RequestId: ").append(requestId)
                .append(String.format(java.util.Locale.ROOT, "\tDuration: %.2f ms\tBilled Duration: %d ms\t"
                        + "Memory Size: %d MB\tMax Memory Used: %d MB\t", duration, billed, f.memoryMb(), used));
            if (init != null) {
                report.append(String.format(java.util.Locale.ROOT, "Init Duration: %.2f ms\t", init));
            }
            if (timeout) {
                report.append("Status: timeout");
                events.add(new LogEvent(id + "-t", at + (long) duration - 1, Instant.ofEpochMilli(at + (long) duration)
                        + " " + requestId + " Task timed out after " + f.timeoutSeconds() + ".00 seconds", "$LATEST"));
            }
            else if (oom) {
                report.append("Status: error\tError Type: Runtime.OutOfMemory");
            }
            String error = error(f, runtime, requestId, at, random);
            if (error != null) {
                events.add(new LogEvent(id + "-e", at + 1, error, "$LATEST"));
            }
            events.add(new LogEvent(id + "-r", at + (long) duration, report.toString(), "$LATEST"));
        }
        return events;
    }

    /** Reports per minute: a handful, none in idle spells (cron jobs between runs, the others now and then). */
    static int invocations(FunctionSummary f, long minute) {
        long minuteOfDay = Math.floorMod(minute, 86_400) / 60;
        long minuteOfHour = minuteOfDay % 60;
        switch (f.name()) {
            case "nightly-report":
                return (minuteOfDay >= 120 && minuteOfDay < 135) ? 1 : 0;
            case "etl-hourly":
            case "legacy-cron":
                return (minuteOfHour < 3) ? 1 : 0;
            default:
                break;
        }
        SplittableRandom random = new SplittableRandom(f.name().hashCode() * 7L + minute / 60);
        // an idle spell of 10 to 25 minutes in one hour of three
        boolean idle = random.nextInt(3) == 0 && minuteOfHour >= 20 && minuteOfHour < 20 + 10 + random.nextInt(15);
        return idle ? 0 : 1 + new SplittableRandom(f.name().hashCode() + minute).nextInt(5);
    }

    private static double initMs(String runtime, SplittableRandom random) {
        if (runtime.startsWith("java")) {
            return 800 + random.nextDouble() * 1200;
        }
        if (runtime.startsWith("python")) {
            return 200 + random.nextDouble() * 300;
        }
        if (runtime.startsWith("nodejs")) {
            return 150 + random.nextDouble() * 200;
        }
        return 30 + random.nextDouble() * 50;
    }

    private static double durationMs(FunctionSummary f, SplittableRandom random) {
        double typical = Math.min(f.timeoutSeconds() * 1000.0 * 0.3, 40 + f.memoryMb() / 8.0);
        if (f.name().equals("pdf-renderer")) {
            typical = f.timeoutSeconds() * 1000.0 * 0.7;
        }
        return Math.round(typical * (0.5 + random.nextDouble()) * 100) / 100.0;
    }

    private static int usedMb(FunctionSummary f, SplittableRandom random) {
        if (f.name().equals("image-resizer")) {
            return (int) (f.memoryMb() * (0.9 + random.nextDouble() * 0.08)); // near its memory size
        }
        return Math.max(40, (int) (f.memoryMb() * (0.25 + random.nextDouble() * 0.2)));
    }

    private static String error(FunctionSummary f, String runtime, String requestId, long at,
            SplittableRandom random) {
        int odds = switch (f.name()) {
            case "payment-webhook" -> 4;
            case "checkout-api", "auth-authorizer" -> 40;
            default -> 0;
        };
        if (odds == 0 || random.nextInt(odds) != 0) {
            return null;
        }
        String time = Instant.ofEpochMilli(at).toString();
        if (runtime.startsWith("nodejs")) {
            return random.nextBoolean()
                    ? time + "\t" + requestId + "\tERROR\tInvoke Error \t{\"errorType\":\"SignatureVerificationError\","
                            + "\"errorMessage\":\"No signatures found matching the expected signature for payload "
                            + random.nextInt(100_000) + "\",\"stack\":[\"SignatureVerificationError: x\","
                            + "\"    at verify (/var/task/webhook.js:41:11)\"]}"
                    : time + "\t" + requestId + "\tERROR\tError: connect ETIMEDOUT 10.0." + random.nextInt(255) + "."
                            + random.nextInt(255) + ":443\n    at TLSSocket.onTimeout (/var/task/node_modules/"
                            + "client/index.js:120:9)";
        }
        if (runtime.startsWith("python")) {
            return "[ERROR] KeyError: 'authorizationToken'\nTraceback (most recent call last):\n"
                    + "  File \"/var/task/authorizer.py\", line 12, in handler\n    token = event['authorizationToken']";
        }
        return "{\"errorMessage\":\"Cart " + random.nextInt(100_000) + " has expired\",\"errorType\":"
                + "\"com.example.checkout.CartExpiredException\",\"stackTrace\":[\"com.example.checkout.Carts.load("
                + "Carts.java:88)\",\"com.example.checkout.Handler.handleRequest(Handler.java:31)\"]}";
    }

    private static String requestId(SplittableRandom random) {
        return String.format("%08x-%04x-4%03x-%04x-%012x", random.nextInt() & 0xffffffffL, random.nextInt(0x10000),
                random.nextInt(0x1000), 0x8000 | random.nextInt(0x4000), random.nextLong() & 0xffffffffffffL);
    }
}
