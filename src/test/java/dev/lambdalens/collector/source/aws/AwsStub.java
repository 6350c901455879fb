package dev.lambdalens.collector.source.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.metrics.LambdaMetric;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORGenerator;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * An in-process stand-in for AWS that speaks the real wire protocols the SDK uses: CloudWatch in Smithy RPC v2 CBOR,
 * Lambda in REST-JSON, STS in the query protocol. Accounts are told apart by the access key in the request's
 * signature, regions by its credential scope. Faults are switched on per test.
 */
final class AwsStub implements AutoCloseable {

    static final String HOME_ACCOUNT = "111111111111";

    static final String HOME_ACCESS_KEY = "AKIATESTHOME";

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/\\d{8}/([^/]+)/");

    private static final CBORMapper cbor = CBORMapper.builder().build();

    private static final JsonMapper json = JsonMapper.builder().build();

    private final HttpServer server;

    private final java.util.concurrent.Executor executor = java.util.concurrent.Executors.newCachedThreadPool((r) -> {
        Thread thread = new Thread(r, "aws-stub");
        thread.setDaemon(true);
        return thread;
    });

    /** account -> region -> functions. */
    final Map<String, Map<String, List<StubFunction>>> functions = new ConcurrentHashMap<>();

    /** account/region -> concurrency limit; absent means GetAccountSettings is refused. */
    final Map<String, Integer> concurrencyLimits = new ConcurrentHashMap<>();

    /** "account/region/function/metric/stat" -> epoch second -> value. */
    final Map<String, TreeMap<Long, Double>> datapoints = new ConcurrentHashMap<>();

    volatile int datapointsPerPage = 100_800;

    volatile int throttleGetMetricData;

    volatile int throttleStatus = 400;

    volatile int failGetMetricDataWith500;

    final Set<String> internalErrorOnce = ConcurrentHashMap.newKeySet();

    volatile boolean mismatchedValues;

    volatile long delayGetMetricDataMillis;

    volatile int delayedGetMetricData;

    final AtomicInteger getMetricDataCalls = new AtomicInteger();

    /** Added to every call of every API before it is answered, as a far-away region would. */
    volatile long delayEveryCallMillis;

    /** "account/region" -> calls of GetMetricData still to hold for {@link #stallMillis} before answering. */
    final Map<String, AtomicInteger> stalls = new ConcurrentHashMap<>();

    volatile long stallMillis;

    /** Per GetMetricData call: "account/region start end queries", to tell a window fetched twice. */
    final List<String> windows = Collections.synchronizedList(new ArrayList<>());

    /** Per API call: "account/region operation". */
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    /** Functions whose GetFunction is refused with AccessDeniedException. */
    final Set<String> refusedGetFunction = ConcurrentHashMap.newKeySet();

    /** ListFunctions calls still to throttle (429 TooManyRequestsException). */
    volatile int throttleListFunctions;

    final AtomicInteger metricsRequested = new AtomicInteger();

    final AtomicInteger listFunctionsCalls = new AtomicInteger();

    final AtomicInteger getFunctionCalls = new AtomicInteger();

    final List<Integer> queriesPerCall = Collections.synchronizedList(new ArrayList<>());

    /** Per GetMetricData call: the functions it asked about ("" for the account level). */
    final List<Set<String>> functionsPerCall = Collections.synchronizedList(new ArrayList<>());

    /** Per GetMetricData call: the metric names it asked for, with the dimension value ("IteratorAge/fn"). */
    final List<String> metricsAsked = Collections.synchronizedList(new ArrayList<>());

    /** "account/region" -> event source mappings, as ListEventSourceMappings answers them. */
    final Map<String, List<Map<String, Object>>> mappings = new ConcurrentHashMap<>();

    /** "account/region/function" -> GetFunctionEventInvokeConfig's answer; absent: 404 (none configured). */
    final Map<String, Map<String, Object>> invokeConfigs = new ConcurrentHashMap<>();

    /** "account/region/function" -> the resource policy (JSON); absent: 404 (no policy). */
    final Map<String, String> policies = new ConcurrentHashMap<>();

    /** "account/region/function" -> aliases, as ListAliases answers them. */
    final Map<String, List<Map<String, Object>>> aliases = new ConcurrentHashMap<>();

    /** "account/region/function" -> published versions (configurations), as ListVersionsByFunction answers them. */
    final Map<String, List<Map<String, Object>>> versions = new ConcurrentHashMap<>();

    /** "account/region/function" -> provisioned concurrency configs, as ListProvisionedConcurrencyConfigs answers. */
    final Map<String, List<Map<String, Object>>> provisioned = new ConcurrentHashMap<>();

    /** "account/region/function" -> the dead-letter target in the function's configuration. */
    final Map<String, String> deadLetters = new ConcurrentHashMap<>();

    /** Operations refused with AccessDeniedException, by path segment ("policy", "aliases", ...). */
    final Set<String> refusedOperations = ConcurrentHashMap.newKeySet();

    AwsStub() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/", this::handle);
        this.server.setExecutor(this.executor);
        this.server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
    }

    static String accessKeyOf(String account) {
        return HOME_ACCOUNT.equals(account) ? HOME_ACCESS_KEY : "ASIA" + account;
    }

    static String seriesKey(String account, String region, String function, String metric, String stat) {
        return account + "/" + region + "/" + function + "/" + metric + "/" + stat;
    }

    void addFunction(String account, String region, StubFunction function) {
        this.functions.computeIfAbsent(account, (a) -> new ConcurrentHashMap<>())
            .computeIfAbsent(region, (r) -> Collections.synchronizedList(new ArrayList<>()))
            .add(function);
    }

    void put(String account, String region, String function, String metric, String stat, long epochSecond,
            double value) {
        this.datapoints.computeIfAbsent(seriesKey(account, region, function, metric, stat),
                (k) -> new TreeMap<>()).put(epochSecond, value);
    }

    @Override
    public void close() {
        this.server.stop(0);
        ((java.util.concurrent.ExecutorService) this.executor).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher credential = CREDENTIAL.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (!credential.find()) {
                send(exchange, 403, "text/plain", "unsigned request".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String key = credential.group(1);
            if (!key.equals(HOME_ACCESS_KEY) && !key.startsWith("ASIA")) {
                send(exchange, 403, "text/xml", ("<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId"
                        + "</Code><Message>The security token included in the request is invalid.</Message></Error>"
                        + "</ErrorResponse>").getBytes(StandardCharsets.UTF_8));
                return;
            }
            String account = key.equals(HOME_ACCESS_KEY) ? HOME_ACCOUNT : key.substring(4);
            String region = credential.group(2);
            byte[] body = exchange.getRequestBody().readAllBytes();
            this.calls.add(account + "/" + region + " " + path + ((exchange.getRequestURI().getRawQuery() != null) ? "?" + exchange.getRequestURI().getRawQuery() : ""));
            pause(this.delayEveryCallMillis);
            if (path.startsWith("/service/GraniteServiceVersion20100801/operation/GetMetricData")) {
                getMetricData(exchange, account, region, body);
            }
            else if (path.startsWith("/2015-03-31/event-source-mappings")) {
                eventSourceMappings(exchange, account, region);
            }
            else if (path.matches("/20\\d\\d-\\d\\d-\\d\\d/functions/[^/]+/(aliases|versions|policy|event-invoke-config"
                    + "|provisioned-concurrency)/?")) {
                functionDetail(exchange, account, region, path);
            }
            else if (path.startsWith("/2015-03-31/functions")) {
                lambdaFunctions(exchange, account, region, path);
            }
            else if (path.startsWith("/2016-08-19/account-settings")) {
                accountSettings(exchange, account, region);
            }
            else if ("POST".equals(exchange.getRequestMethod()) && "/".equals(path)) {
                sts(exchange, account, new String(body, StandardCharsets.UTF_8));
            }
            else {
                send(exchange, 404, "text/plain", ("no stub for " + path).getBytes(StandardCharsets.UTF_8));
            }
        }
        catch (RuntimeException ex) {
            ex.printStackTrace();
            throw ex;
        }
    }

    // CloudWatch, Smithy RPC v2 CBOR

    private void getMetricData(HttpExchange exchange, String account, String region, byte[] body) throws IOException {
        this.getMetricDataCalls.incrementAndGet();
        if (this.throttleGetMetricData > 0) {
            this.throttleGetMetricData--;
            cborError(exchange, this.throttleStatus, "ThrottlingException", "Rate exceeded");
            return;
        }
        if (this.delayedGetMetricData > 0) {
            this.delayedGetMetricData--;
            try {
                Thread.sleep(this.delayGetMetricDataMillis);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        if (this.failGetMetricDataWith500 > 0) {
            this.failGetMetricDataWith500--;
            cborError(exchange, 500, "InternalServiceError", "We are sorry");
            return;
        }
        AtomicInteger stall = this.stalls.get(account + "/" + region);
        if (stall != null && stall.getAndDecrement() > 0) {
            pause(this.stallMillis);
        }
        JsonNode request = cbor.readTree(body);
        long start = request.get("StartTime").asLong();
        long end = request.get("EndTime").asLong();
        int offset = request.has("NextToken") ? Integer.parseInt(request.get("NextToken").asString()) : 0;
        JsonNode queries = request.get("MetricDataQueries");
        this.metricsRequested.addAndGet(queries.size());
        this.queriesPerCall.add(queries.size());
        // every datapoint of every query, in query order, then cut into pages
        List<Object[]> entries = new ArrayList<>();
        Map<String, String> internalErrors = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        Set<String> asked = new java.util.TreeSet<>();
        for (JsonNode query : queries) {
            String id = query.get("Id").asString();
            ids.add(id);
            JsonNode stat = query.get("MetricStat");
            JsonNode metric = stat.get("Metric");
            String function = "";
            String metricName = metric.get("MetricName").asString();
            // as CloudWatch does, answer only for the namespace and dimension the metric is published under
            Map<String, String> dimensions = new TreeMap<>();
            for (JsonNode dimension : metric.path("Dimensions")) {
                dimensions.put(dimension.get("Name").asString(), dimension.get("Value").asString());
            }
            // Invocations, Errors and Duration by ExecutedVersion are LambdaLens' Version* metrics
            java.util.Optional<LambdaMetric> known = dimensions.containsKey("ExecutedVersion")
                    ? LambdaMetric.byExecutedVersion(metricName)
                    : LambdaMetric.fromMetricName(metricName).filter((m) -> m.cloudWatchName().equals(metricName));
            // the series name: the Resource (function:qualifier) and the executed version, a mapping's UUID, or the
            // function
            String qualified = dimensions.containsKey("ExecutedVersion")
                    ? dimensions.get("Resource") + ":" + dimensions.get("ExecutedVersion")
                    : dimensions.containsKey("Resource") ? dimensions.get("Resource")
                    : dimensions.containsKey("EventSourceMappingUUID") ? "esm:" + dimensions.get("EventSourceMappingUUID")
                    : dimensions.values().stream().findFirst().orElse(null);
            function = (qualified == null) ? "" : qualified.startsWith("esm:") ? qualified.substring(4) : qualified;
            // as CloudWatch does, answer only for the dimension set the metric is published under
            boolean rightDimensions = known.map((m) -> {
                if (qualified == null) {
                    return m.scope().perAccount();
                }
                String asKey = qualified.startsWith("esm:") ? "fn:" + qualified.substring(4) : qualified;
                try {
                    return m.scope().perFunction() && m.qualified() == (asKey.indexOf(':') > 0)
                            && new TreeMap<>(m.dimensions(asKey)).keySet().equals(dimensions.keySet());
                }
                catch (RuntimeException ex) {
                    return false;
                }
            }).orElse(false);
            this.metricsAsked.add(metricName + "/" + function);
            boolean rightNamespace = rightDimensions && known.map(LambdaMetric::namespace)
                .map((ns) -> ns.equals(metric.path("Namespace").asString()))
                .orElse(false);
            asked.add(function);
            String key = rightNamespace ? seriesKey(account, region, function, metricName, stat.get("Stat").asString())
                    : "unpublished:" + metricName;
            if (this.internalErrorOnce.remove(key)) {
                internalErrors.put(id, key);
                continue;
            }
            this.datapoints.getOrDefault(key, new TreeMap<>())
                .subMap(start, true, end, false)
                .forEach((t, v) -> entries.add(new Object[] { id, t, v }));
        }
        this.functionsPerCall.add(asked);
        java.util.List<String> askedFor = new ArrayList<>();
        for (JsonNode query : queries) {
            askedFor.add(query.get("MetricStat").toString());
        }
        Collections.sort(askedFor);
        this.windows.add(account + "/" + region + " " + start + " " + end + " " + askedFor.hashCode() + " "
                + (request.has("NextToken") ? request.get("NextToken").asString() : ""));
        List<Object[]> page = entries.subList(Math.min(offset, entries.size()),
                Math.min(entries.size(), offset + this.datapointsPerPage));
        boolean more = offset + this.datapointsPerPage < entries.size();
        Map<String, List<Object[]>> byId = new LinkedHashMap<>();
        page.forEach((e) -> byId.computeIfAbsent((String) e[0], (k) -> new ArrayList<>()).add(e));
        if (offset == 0) {
            ids.forEach((id) -> {
                if (!internalErrors.containsKey(id)) {
                    byId.putIfAbsent(id, new ArrayList<>());
                }
            });
        }
        Set<String> continuing = new java.util.HashSet<>();
        if (more) {
            entries.subList(offset + this.datapointsPerPage, entries.size()).forEach((e) -> continuing.add((String) e[0]));
        }
        List<String> order = new ArrayList<>(byId.keySet());
        Collections.reverse(order); // results come in any order: never rely on it
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = (CBORGenerator) cbor.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeName("MetricDataResults");
            generator.writeStartArray();
            for (String id : order) {
                List<Object[]> points = byId.get(id);
                generator.writeStartObject();
                generator.writeStringProperty("Id", id);
                generator.writeName("Timestamps");
                generator.writeStartArray();
                for (Object[] p : points) {
                    generator.writeTag(1);
                    generator.writeNumber(((Long) p[1]).doubleValue());
                }
                generator.writeEndArray();
                generator.writeName("Values");
                generator.writeStartArray();
                for (Object[] p : points) {
                    generator.writeNumber((Double) p[2]);
                }
                if (this.mismatchedValues && !points.isEmpty()) {
                    generator.writeNumber(1.0);
                }
                generator.writeEndArray();
                generator.writeStringProperty("StatusCode", continuing.contains(id) ? "PartialData" : "Complete");
                generator.writeEndObject();
            }
            for (String id : internalErrors.keySet()) {
                generator.writeStartObject();
                generator.writeStringProperty("Id", id);
                generator.writeName("Timestamps");
                generator.writeStartArray();
                generator.writeEndArray();
                generator.writeName("Values");
                generator.writeStartArray();
                generator.writeEndArray();
                generator.writeStringProperty("StatusCode", "InternalError");
                generator.writeEndObject();
            }
            generator.writeEndArray();
            if (more) {
                generator.writeStringProperty("NextToken", String.valueOf(offset + this.datapointsPerPage));
            }
            generator.writeEndObject();
        }
        exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
        send(exchange, 200, "application/cbor", out.toByteArray());
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void cborError(HttpExchange exchange, int status, String type, String message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var generator = cbor.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("__type", "com.amazonaws.cloudwatch#" + type);
            generator.writeStringProperty("message", message);
            generator.writeEndObject();
        }
        exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
        send(exchange, status, "application/cbor", out.toByteArray());
    }

    // Lambda, REST-JSON

    private void lambdaFunctions(HttpExchange exchange, String account, String region, String path) throws IOException {
        List<StubFunction> all = List.copyOf(this.functions.getOrDefault(account, Map.of()).getOrDefault(region, List.of()));
        String name = path.substring("/2015-03-31/functions".length()).replaceAll("^/|/$", "");
        if (name.isEmpty()) {
            this.listFunctionsCalls.incrementAndGet();
            if (this.throttleListFunctions > 0) {
                this.throttleListFunctions--;
                exchange.getResponseHeaders().add("Retry-After", "1");
                jsonError(exchange, 429, "TooManyRequestsException", "Rate exceeded");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int maxItems = Math.min(50, Integer.parseInt(query.getOrDefault("MaxItems", "50")));
            int from = Integer.parseInt(query.getOrDefault("Marker", "0"));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("Functions", all.subList(Math.min(from, all.size()), Math.min(all.size(), from + maxItems))
                .stream()
                .map((f) -> withDeadLetter(f.configuration(account, region), account, region))
                .toList());
            if (from + maxItems < all.size()) {
                answer.put("NextMarker", String.valueOf(from + maxItems));
            }
            send(exchange, 200, "application/json", json.writeValueAsBytes(answer));
            return;
        }
        this.getFunctionCalls.incrementAndGet();
        String decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
        if (this.refusedGetFunction.contains(decoded)) {
            jsonError(exchange, 403, "AccessDeniedException", "not authorized to perform lambda:GetFunction on "
                    + decoded);
            return;
        }
        StubFunction function = all.stream().filter((f) -> f.name().equals(decoded)).findFirst().orElse(null);
        if (function == null) {
            jsonError(exchange, 404, "ResourceNotFoundException", "Function not found: " + decoded);
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Configuration", withDeadLetter(function.configuration(account, region), account, region));
        answer.put("Tags", function.tags());
        if (function.reservedConcurrency() != null) {
            answer.put("Concurrency", Map.of("ReservedConcurrentExecutions", function.reservedConcurrency()));
        }
        send(exchange, 200, "application/json", json.writeValueAsBytes(answer));
    }

    private void eventSourceMappings(HttpExchange exchange, String account, String region) throws IOException {
        if (this.refusedOperations.contains("event-source-mappings")) {
            jsonError(exchange, 403, "AccessDeniedException", "not authorized to perform lambda:ListEventSourceMappings");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        List<Map<String, Object>> all = List.copyOf(this.mappings.getOrDefault(account + "/" + region, List.of()));
        if (query.containsKey("FunctionName")) {
            String function = query.get("FunctionName");
            all = all.stream().filter((m) -> String.valueOf(m.get("FunctionArn")).split(":")[6].equals(function)).toList();
        }
        int maxItems = Math.min(100, Integer.parseInt(query.getOrDefault("MaxItems", "100")));
        int from = Integer.parseInt(query.getOrDefault("Marker", "0"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("EventSourceMappings", all.subList(Math.min(from, all.size()), Math.min(all.size(), from + maxItems)));
        if (from + maxItems < all.size()) {
            answer.put("NextMarker", String.valueOf(from + maxItems));
        }
        send(exchange, 200, "application/json", json.writeValueAsBytes(answer));
    }

    /** GetFunctionEventInvokeConfig, GetPolicy, ListAliases, ListVersionsByFunction, ListProvisionedConcurrencyConfigs. */
    private void functionDetail(HttpExchange exchange, String account, String region, String path) throws IOException {
        String[] parts = path.replaceAll("/$", "").split("/");
        String function = URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
        String operation = parts[4];
        String key = account + "/" + region + "/" + function;
        if (this.refusedOperations.contains(operation)) {
            jsonError(exchange, 403, "AccessDeniedException", "not authorized for " + operation + " on " + function);
            return;
        }
        boolean exists = this.functions.getOrDefault(account, Map.of()).getOrDefault(region, List.of()).stream()
            .anyMatch((f) -> f.name().equals(function));
        if (!exists) {
            jsonError(exchange, 404, "ResourceNotFoundException", "Function not found: " + function);
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        switch (operation) {
            case "event-invoke-config" -> {
                Map<String, Object> config = this.invokeConfigs.get(key);
                if (config == null) {
                    jsonError(exchange, 404, "ResourceNotFoundException", "The function " + function
                            + " doesn't have an EventInvokeConfig");
                    return;
                }
                send(exchange, 200, "application/json", json.writeValueAsBytes(config));
            }
            case "policy" -> {
                String policy = this.policies.get(key);
                if (policy == null) {
                    jsonError(exchange, 404, "ResourceNotFoundException", "The resource you requested does not exist.");
                    return;
                }
                send(exchange, 200, "application/json", json.writeValueAsBytes(Map.of("Policy", policy,
                        "RevisionId", "r1")));
            }
            case "aliases" -> page(exchange, query, "Aliases", this.aliases.getOrDefault(key, List.of()));
            case "versions" -> page(exchange, query, "Versions", this.versions.getOrDefault(key, List.of()));
            case "provisioned-concurrency" -> page(exchange, query, "ProvisionedConcurrencyConfigs",
                    this.provisioned.getOrDefault(key, List.of()));
            default -> jsonError(exchange, 404, "ResourceNotFoundException", "no such operation " + operation);
        }
    }

    private static void page(HttpExchange exchange, Map<String, String> query, String field,
            List<Map<String, Object>> all) throws IOException {
        int maxItems = Math.min(50, Integer.parseInt(query.getOrDefault("MaxItems", "50")));
        int from = Integer.parseInt(query.getOrDefault("Marker", "0"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(field, all.subList(Math.min(from, all.size()), Math.min(all.size(), from + maxItems)));
        if (from + maxItems < all.size()) {
            answer.put("NextMarker", String.valueOf(from + maxItems));
        }
        send(exchange, 200, "application/json", json.writeValueAsBytes(answer));
    }

    private Map<String, Object> withDeadLetter(Map<String, Object> configuration, String account, String region) {
        String target = this.deadLetters.get(account + "/" + region + "/" + configuration.get("FunctionName"));
        if (target != null) {
            configuration.put("DeadLetterConfig", Map.of("TargetArn", target));
            configuration.put("RevisionId", configuration.get("RevisionId") + "-dlq" + Integer.toHexString(target.hashCode()));
        }
        return configuration;
    }

    private void accountSettings(HttpExchange exchange, String account, String region) throws IOException {
        Integer limit = this.concurrencyLimits.get(account + "/" + region);
        if (limit == null) {
            jsonError(exchange, 403, "AccessDeniedException", "not authorized to perform lambda:GetAccountSettings");
            return;
        }
        Map<String, Object> answer = Map.of("AccountLimit",
                Map.of("ConcurrentExecutions", limit, "UnreservedConcurrentExecutions", limit - 100,
                        "TotalCodeSize", 80530636800L, "CodeSizeZipped", 52428800, "CodeSizeUnzipped", 262144000),
                "AccountUsage", Map.of("FunctionCount", 0, "TotalCodeSize", 0));
        send(exchange, 200, "application/json", json.writeValueAsBytes(answer));
    }

    private void jsonError(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        send(exchange, status, "application/json", json.writeValueAsBytes(Map.of("Type", "User", "message", message)));
    }

    // STS, query protocol

    private void sts(HttpExchange exchange, String account, String body) throws IOException {
        Map<String, String> form = query(body);
        String action = form.get("Action");
        String xml;
        if ("GetCallerIdentity".equals(action)) {
            xml = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
                    + "<Arn>arn:aws:sts::" + account + ":assumed-role/test/lambdalens</Arn><UserId>AIDTEST</UserId>"
                    + "<Account>" + account + "</Account></GetCallerIdentityResult>"
                    + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
        }
        else if ("AssumeRole".equals(action)) {
            Matcher role = Pattern.compile("arn:aws:iam::(\\d{12}):role/.+").matcher(form.getOrDefault("RoleArn", ""));
            if (!role.matches()) {
                send(exchange, 400, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>"
                        .concat("<Message>bad role</Message></Error></ErrorResponse>").getBytes(StandardCharsets.UTF_8));
                return;
            }
            String target = role.group(1);
            xml = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>"
                    + "<AccessKeyId>" + accessKeyOf(target) + "</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>"
                    + "<SessionToken>token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                    + "<AssumedRoleUser><Arn>arn:aws:sts::" + target + ":assumed-role/r/lambdalens</Arn>"
                    + "<AssumedRoleId>AROA:lambdalens</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>"
                    + "<ResponseMetadata><RequestId>2</RequestId></ResponseMetadata></AssumeRoleResponse>";
        }
        else {
            send(exchange, 400, "text/plain", ("unknown action " + action).getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("x-amzn-RequestId", "stub");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** A function as the stub's Lambda API reports it. */
    record StubFunction(String name, String runtime, String architecture, int memoryMb, int timeoutSeconds,
            Integer reservedConcurrency, long codeSize, Map<String, String> tags, List<Long> layerSizes, String vpcId,
            boolean lambdaInsights) {

        StubFunction(String name, String runtime, String architecture, int memoryMb, int timeoutSeconds,
                Integer reservedConcurrency, long codeSize, Map<String, String> tags, List<Long> layerSizes,
                String vpcId) {
            this(name, runtime, architecture, memoryMb, timeoutSeconds, reservedConcurrency, codeSize, tags, layerSizes,
                    vpcId, false);
        }

        StubFunction(String name, String runtime, String architecture, int memoryMb, int timeoutSeconds,
                Integer reservedConcurrency, long codeSize, Map<String, String> tags) {
            this(name, runtime, architecture, memoryMb, timeoutSeconds, reservedConcurrency, codeSize, tags, List.of(),
                    null, false);
        }

        Map<String, Object> configuration(String account, String region) {
            Map<String, Object> configuration = new LinkedHashMap<>();
            configuration.put("FunctionName", this.name);
            configuration.put("FunctionArn", "arn:aws:lambda:" + region + ":" + account + ":function:" + this.name);
            configuration.put("Runtime", this.runtime);
            configuration.put("Architectures", List.of(this.architecture));
            configuration.put("MemorySize", this.memoryMb);
            configuration.put("Timeout", this.timeoutSeconds);
            configuration.put("CodeSize", this.codeSize);
            configuration.put("PackageType", "Zip");
            // as Lambda, a revision that changes with any change of the function, and the package's hash
            // (tags and reserved concurrency are set apart from the function's configuration, as in Lambda)
            configuration.put("RevisionId", "rev-" + Integer.toHexString(java.util.Objects.hash(this.runtime,
                    this.architecture, this.memoryMb, this.timeoutSeconds, this.codeSize, this.layerSizes, this.vpcId,
                    this.lambdaInsights)));
            configuration.put("CodeSha256", "sha-" + this.codeSize);
            List<Map<String, Object>> layers = new ArrayList<>();
            for (int i = 0; i < this.layerSizes.size(); i++) {
                layers.add(Map.of("Arn", "arn:aws:lambda:" + region + ":" + account + ":layer:l" + i + ":1", "CodeSize",
                        this.layerSizes.get(i)));
            }
            if (this.lambdaInsights) {
                // AWS publishes the extension from its own account, in every region
                layers.add(Map.of("Arn", "arn:aws:lambda:" + region + ":580247275435:layer:LambdaInsightsExtension:38",
                        "CodeSize", 5_000_000L));
            }
            configuration.put("Layers", layers);
            if (this.vpcId != null) {
                configuration.put("VpcConfig", Map.of("VpcId", this.vpcId, "SubnetIds", List.of("subnet-1"),
                        "SecurityGroupIds", List.of("sg-1")));
            }
            return configuration;
        }
    }
}
