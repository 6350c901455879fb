package dev.lambdalens.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudWatch Logs as the SDK sees it, in the awsJson1_1 protocol ({@code X-Amz-Target: Logs_20140328.<Operation>}):
 * StartQuery, GetQueryResults (Scheduled, then Running, then Complete, the answer cut at the query's limit, bytes
 * scanned in its statistics), StopQuery, and LimitExceededException when more queries would run at once than the
 * account allows. The rows are what Logs Insights' stats ... by bin(1m), @log would compute from the figures given.
 */
final class LogsInsightsStub implements AutoCloseable {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
        .withZone(ZoneOffset.UTC);

    private final HttpServer server;

    private final JsonMapper json = JsonMapper.builder().build();

    /** Per log group and minute, the stats row's fields. */
    private final Map<String, Map<Long, Map<String, String>>> data = new ConcurrentHashMap<>();

    /** Per log group, its error lines: {@code [timestampMs, message, logStream]}. */
    private final Map<String, List<Object[]>> errorLines = new ConcurrentHashMap<>();

    private final Map<String, Query> queries = new ConcurrentHashMap<>();

    private final AtomicInteger ids = new AtomicInteger();

    volatile int accountLimit = 30;

    /** GetQueryResults calls answered Running before a query completes (after one answered Scheduled). */
    volatile int runningPolls = 1;

    volatile int maxRunning;

    final AtomicInteger limitExceeded = new AtomicInteger();

    final List<String> statusesServed = java.util.Collections.synchronizedList(new ArrayList<>());

    final List<JsonNode> startQueries = java.util.Collections.synchronizedList(new ArrayList<>());

    LogsInsightsStub() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
    }

    void reset() {
        this.data.clear();
        this.errorLines.clear();
        this.queries.clear();
        this.accountLimit = 30;
        this.runningPolls = 1;
        this.maxRunning = 0;
        this.limitExceeded.set(0);
        this.statusesServed.clear();
        this.startQueries.clear();
    }

    void put(String logGroup, long minute, Map<String, String> row) {
        this.data.computeIfAbsent(logGroup, (g) -> new TreeMap<>()).put(minute, row);
    }

    /** An event of the log group that the errors query would match, as Logs Insights returns it. */
    void putErrorLine(String logGroup, long timestampMs, String message, String logStream) {
        this.errorLines.computeIfAbsent(logGroup, (g) -> java.util.Collections.synchronizedList(new ArrayList<>()))
            .add(new Object[] { timestampMs, message, logStream });
    }

    private record Query(List<String> logGroups, long start, long end, int limit, AtomicInteger polls,
            boolean errors) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode body = this.json.readTree(exchange.getRequestBody().readAllBytes());
        if (!"application/x-amz-json-1.1".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            error(exchange, 400, "SerializationException", "expected application/x-amz-json-1.1");
            return;
        }
        switch ((target != null) ? target : "") {
            case "Logs_20140328.StartQuery" -> startQuery(exchange, body);
            case "Logs_20140328.GetQueryResults" -> getQueryResults(exchange, body);
            case "Logs_20140328.StopQuery" -> {
                this.queries.remove(body.path("queryId").asString());
                respond(exchange, this.json.createObjectNode().put("success", true));
            }
            default -> error(exchange, 400, "UnknownOperationException", "unknown operation " + target);
        }
    }

    private void startQuery(HttpExchange exchange, JsonNode body) throws IOException {
        // the region the client signed for (Credential=<key>/<date>/<region>/logs/aws4_request), as "_region"
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        java.util.regex.Matcher scope = java.util.regex.Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/")
            .matcher((authorization != null) ? authorization : "");
        ((ObjectNode) body).put("_region", scope.find() ? scope.group(1) : "");
        this.startQueries.add(body);
        long running = this.queries.size();
        if (running >= this.accountLimit) {
            this.limitExceeded.incrementAndGet();
            error(exchange, 400, "LimitExceededException", "The maximum number of concurrent queries is reached");
            return;
        }
        List<String> groups = new ArrayList<>();
        body.path("logGroupNames").forEach((g) -> groups.add(g.asString()));
        String queryString = body.path("queryString").asString("");
        if (groups.isEmpty() || !(queryString.contains("stats") || queryString.startsWith("fields"))) {
            error(exchange, 400, "InvalidParameterException", "logGroupNames and a queryString are required");
            return;
        }
        String id = "q-" + this.ids.incrementAndGet();
        this.queries.put(id, new Query(groups, body.path("startTime").asLong(), body.path("endTime").asLong(),
                body.path("limit").asInt(10_000), new AtomicInteger(), !queryString.contains("stats")));
        synchronized (this) {
            this.maxRunning = Math.max(this.maxRunning, this.queries.size());
        }
        respond(exchange, this.json.createObjectNode().put("queryId", id));
    }

    private void getQueryResults(HttpExchange exchange, JsonNode body) throws IOException {
        Query query = this.queries.get(body.path("queryId").asString());
        if (query == null) {
            error(exchange, 400, "ResourceNotFoundException", "no such query");
            return;
        }
        int poll = query.polls().incrementAndGet();
        ObjectNode answer = this.json.createObjectNode();
        ArrayNode results = answer.putArray("results");
        String status = (poll == 1) ? "Scheduled" : (poll <= 1 + this.runningPolls) ? "Running" : "Complete";
        this.statusesServed.add(status);
        answer.put("status", status);
        if ("Complete".equals(status)) {
            this.queries.remove(body.path("queryId").asString());
            if (query.errors()) {
                errorRows(query, results);
                answer.putObject("statistics").put("recordsMatched", 1.0).put("recordsScanned", 100.0)
                    .put("bytesScanned", 1_000_000.0 * query.logGroups().size());
                respond(exchange, answer);
                return;
            }
            List<Object[]> rows = new ArrayList<>();
            for (String group : query.logGroups()) {
                this.data.getOrDefault(group, Map.of()).forEach((minute, row) -> {
                    if (minute >= query.start() && minute <= query.end()) {
                        rows.add(new Object[] { group, minute, row });
                    }
                });
            }
            rows.sort(Comparator.comparingLong((Object[] r) -> (Long) r[1]));
            int n = 0;
            for (Object[] r : rows) {
                if (n++ == query.limit()) {
                    break;
                }
                ArrayNode fields = results.addArray();
                fields.addObject().put("field", "minute").put("value", MINUTE.format(Instant.ofEpochSecond((Long) r[1])));
                fields.addObject().put("field", "@log").put("value", LogsFixtures.ACCOUNT + ":" + r[0]);
                @SuppressWarnings("unchecked")
                Map<String, String> row = (Map<String, String>) r[2];
                row.forEach((k, v) -> fields.addObject().put("field", k).put("value", v));
            }
            answer.putObject("statistics").put("recordsMatched", 42.0).put("recordsScanned", 100.0)
                .put("bytesScanned", 1_000_000.0 * query.logGroups().size());
        }
        respond(exchange, answer);
    }

    /** One row per matching event, oldest first, with a pointer as long as Logs Insights' own. */
    private void errorRows(Query query, ArrayNode results) {
        List<Object[]> rows = new ArrayList<>();
        for (String group : query.logGroups()) {
            for (Object[] line : List.copyOf(this.errorLines.getOrDefault(group, List.of()))) {
                long second = Math.floorDiv((Long) line[0], 1000);
                if (second >= query.start() && second <= query.end()) {
                    rows.add(new Object[] { group, line[0], line[1], line[2] });
                }
            }
        }
        rows.sort(Comparator.comparingLong((Object[] r) -> (Long) r[1]));
        DateTimeFormatter millis = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
        int n = 0;
        for (Object[] r : rows) {
            if (n++ == query.limit()) {
                break;
            }
            ArrayNode fields = results.addArray();
            fields.addObject().put("field", "@timestamp").put("value", millis.format(Instant.ofEpochMilli((Long) r[1])));
            fields.addObject().put("field", "@message").put("value", (String) r[2]);
            fields.addObject().put("field", "@logStream").put("value", (String) r[3]);
            fields.addObject().put("field", "@log").put("value", LogsFixtures.ACCOUNT + ":" + r[0]);
            String pointer = java.util.Base64.getEncoder().encodeToString((LogsFixtures.ACCOUNT + ":" + r[0] + "/"
                    + r[3] + "/" + r[1] + "/" + r[2].hashCode() + "/" + "x".repeat(120))
                .getBytes(StandardCharsets.UTF_8));
            fields.addObject().put("field", "@ptr").put("value", pointer);
        }
    }

    private void respond(HttpExchange exchange, JsonNode body) throws IOException {
        byte[] bytes = this.json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        byte[] bytes = ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
