package dev.lambdalens.web;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.DemoDataConfiguration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * No input is a server error. Walks every operation of the OpenAPI document and every form of every page, as ADMIN,
 * with a generated corpus of malformed values (wrong types, missing and extra fields, huge numbers, long and odd
 * strings, bad dates, list-index abuse), and fails on any 5xx or unhandled exception. The corpus comes from a fixed
 * seed, so a failure repeats; its size is bounded (and a time budget stops it early on a slow machine, saying so).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
@DirtiesContext
class InputFuzzTests {

    static final long SEED = 16;

    static final int VARIANTS = 30;

    /** A safety bound on a loaded machine; not an assertion. */
    static final long BUDGET_MILLIS = 45_000;

    /** Never sent: a test send would try to reach whatever host a fuzzed channel names. */
    static final Pattern NOT_SENT = Pattern.compile(".*/test$|/logout");

    static final String LONG = "a".repeat(5000);

    /** Odd values for a text field or a parameter. */
    static final List<String> ODD_TEXT = List.of("abc", "", " ", "-1", "0", "1.5", "1e308", "-1e308", "NaN",
            "Infinity", "99999999999999999999", "9223372036854775808", "-9223372036854775809", "2026-13-45",
            "+999999999-12-31", "999999999-12-31T23:59", "+999999999-12-31T23:59:59Z", "0000-00-00T00:00", LONG,
            "é".repeat(60), "x".repeat(201), "\u0000", "😀".repeat(40), "<script>alert(1)</script>", "' or 1=1 --",
            "%", "../../etc/passwd", "EXTERNAL", "ALL", "true", "null", "[]", "{}",
            "http://user:password@127.0.0.1:9/a?token=s", "http://127.0.0.1:9/a b|c{}", "mailto:",
            "arn:aws:sns:", "123456789012", "us-east-1", "*", "a=b", "=", ",,,");

    static final Pattern INDEXED = Pattern.compile("^([A-Za-z]+)\\[(\\d+)\\](.*)$");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    DemoData demoData;

    final Random random = new Random(SEED);

    final List<String> failures = new ArrayList<>();

    int requests;

    long deadline;

    @BeforeEach
    void collect() {
        this.demoData.collectOnce();
        this.deadline = System.currentTimeMillis() + BUDGET_MILLIS;
    }

    @Test
    void noApiOperationAnswersAServerErrorToMalformedInput() throws Exception {
        JsonNode api = this.json.readTree(this.mvc.perform(get("/v3/api-docs")).andReturn().getResponse()
            .getContentAsString());
        JsonNode schemas = api.path("components").path("schemas");
        List<Object[]> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!NOT_SENT.matcher(path.getKey()).matches()) {
                    operations.add(new Object[] { HttpMethod.valueOf(operation.getKey().toUpperCase()), path.getKey(),
                            operation.getValue() });
                }
            }
        }
        // round by round, every operation once a round, so that a time budget cut short still covers them all
        for (int v = 0; v < VARIANTS && inTime(); v++) {
            for (Object[] operation : operations) {
                JsonNode definition = (JsonNode) operation[2];
                // an operation that takes nothing gets a few tries with unexpected parameters, the others the lot
                boolean takesInput = definition.path("parameters").size() > 0 || definition.has("requestBody");
                if ((takesInput || v < 3) && inTime()) {
                    fuzzOperation((HttpMethod) operation[0], (String) operation[1], definition, schemas, v);
                }
            }
        }
        System.out.println("InputFuzzTests: " + this.requests + " requests over " + operations.size()
                + " API operations" + (inTime() ? "" : " (stopped early by the time budget)"));
        assertThat(operations).hasSizeGreaterThan(30);
        assertThat(this.failures).as("API answers that are server errors").isEmpty();
    }

    @Test
    void noPageFormAnswersAServerErrorToMalformedInput() throws Exception {
        List<String> pages = new ArrayList<>(List.of("/", "/alerts", "/alerts/silences", "/alerts/rules/new",
                "/channels", "/costs", "/costs/budgets/new", "/insights", "/settings", "/collector",
                "/functions/us-east-1/orders-api"));
        JsonNode rules = this.json.readTree(this.mvc.perform(get("/api/v1/alert-rules")).andReturn().getResponse()
            .getContentAsString());
        pages.add("/alerts/rules/" + rules.get(0).get("id").asLong() + "/edit");
        this.mvc.perform(request(HttpMethod.POST, "/api/v1/budgets").contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"All\", \"amount\": 100}"));
        JsonNode budgets = this.json.readTree(this.mvc.perform(get("/api/v1/budgets")).andReturn().getResponse()
            .getContentAsString());
        pages.add("/costs/budgets/" + budgets.get(0).get("id").asLong() + "/edit");
        List<Object[]> forms = new ArrayList<>();
        for (String page : pages) {
            MvcResult shown = this.mvc.perform(get(page).accept(MediaType.TEXT_HTML)).andReturn();
            assertThat(shown.getResponse().getStatus()).as(page).isEqualTo(200);
            Document document = Jsoup.parse(shown.getResponse().getContentAsString(), "http://localhost" + page);
            for (Element form : document.select("form")) {
                String action = form.attr("action").isEmpty() ? page : form.attr("action");
                if (!NOT_SENT.matcher(action).matches()) {
                    forms.add(new Object[] { form.attr("method").equalsIgnoreCase("post") ? HttpMethod.POST
                            : HttpMethod.GET, action, fields(form) });
                }
            }
        }
        for (int v = 0; v < VARIANTS && inTime(); v++) {
            for (Object[] form : forms) {
                if (inTime()) {
                    @SuppressWarnings("unchecked")
                    List<String[]> fields = (List<String[]>) form[2];
                    submit((HttpMethod) form[0], (String) form[1], mutate(fields, v));
                }
            }
        }
        System.out.println("InputFuzzTests: " + this.requests + " requests over " + forms.size() + " forms"
                + (inTime() ? "" : " (stopped early by the time budget)"));
        assertThat(forms).hasSizeGreaterThan(10);
        assertThat(this.failures).as("form answers that are server errors").isEmpty();
    }

    private boolean inTime() {
        return System.currentTimeMillis() < this.deadline;
    }

    // ---- API operations

    private void fuzzOperation(HttpMethod method, String template, JsonNode operation, JsonNode schemas, int variant)
            throws Exception {
        Map<String, String> pathValues = new LinkedHashMap<>();
        UriComponentsBuilder query = UriComponentsBuilder.newInstance();
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.get("name").asString();
            boolean odd = variant > 0 && this.random.nextInt(3) == 0;
            String value = odd ? oddText() : validText(name, parameter.path("schema"), schemas);
            if ("path".equals(parameter.path("in").asString())) {
                pathValues.put(name, value.isEmpty() ? "x" : value);
            }
            else if (!(variant > 0 && this.random.nextInt(6) == 0)) {
                query.queryParam(name, value);
            }
        }
        if (variant > 0 && this.random.nextInt(5) == 0) {
            query.queryParam("unexpected", oddText());
        }
        String path = UriComponentsBuilder.fromPath(template).build().expand(pathValues).encode().toUriString();
        String uri = path + query.build().encode().toUriString();
        MockHttpServletRequestBuilder request;
        try {
            request = request(method, java.net.URI.create(uri));
        }
        catch (IllegalArgumentException notAUri) {
            return;
        }
        JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
        String content = null;
        if (!body.isMissingNode()) {
            content = body(resolve(body, schemas), schemas, variant);
            request.contentType(MediaType.APPLICATION_JSON).content(content);
        }
        send(request, method + " " + uri + ((content != null) ? " " + abbreviate(content) : ""));
    }

    private String body(JsonNode schema, JsonNode schemas, int variant) {
        JsonNode valid = validValue("body", schema, schemas, 0);
        if (variant == 0) {
            return valid.toString();
        }
        switch (this.random.nextInt(12)) {
            case 0:
                return pick(List.of("not json", "", "[]", "null", "\"text\"", "42", "{", "{\"a\":}", "[{}]"));
            case 1:
                if (valid instanceof ObjectNode object) {
                    object.put("unexpected" + this.random.nextInt(3), oddText());
                }
                return valid.toString();
            default:
                List<JsonNode[]> slots = new ArrayList<>();
                slots(valid, slots);
                for (int i = 0, n = 1 + this.random.nextInt(2); i < n && !slots.isEmpty(); i++) {
                    JsonNode[] slot = slots.get(this.random.nextInt(slots.size()));
                    JsonNode odd = oddJson();
                    if (slot[0] instanceof ObjectNode parent) {
                        String field = slot[1].asString();
                        if (this.random.nextInt(4) == 0) {
                            parent.remove(field);
                        }
                        else {
                            parent.set(field, odd);
                        }
                    }
                    else if (slot[0] instanceof ArrayNode parent) {
                        parent.set(slot[1].asInt(), odd);
                    }
                }
                return valid.toString();
        }
    }

    /** Every (container, key) of a JSON value, so that any of them can be replaced. */
    private static void slots(JsonNode node, List<JsonNode[]> slots) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                slots.add(new JsonNode[] { object, JsonNodeFactory.instance.stringNode(field.getKey()) });
                slots(field.getValue(), slots);
            }
        }
        else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new JsonNode[] { array, JsonNodeFactory.instance.numberNode(i) });
                slots(array.get(i), slots);
            }
        }
    }

    private JsonNode oddJson() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (this.random.nextInt(14)) {
            case 0:
                return nodes.numberNode(1e308);
            case 1:
                return nodes.numberNode(-1e308);
            case 2:
                return nodes.numberNode(Long.MAX_VALUE);
            case 3:
                return nodes.numberNode(-1);
            case 4:
                return nodes.nullNode();
            case 5:
                return nodes.booleanNode(true);
            case 6:
                return nodes.objectNode();
            case 7: {
                ArrayNode many = nodes.arrayNode();
                for (int i = 0; i < 10_000; i++) {
                    many.add(i);
                }
                return many;
            }
            case 8: {
                ArrayNode nulls = nodes.arrayNode();
                for (int i = 0; i < 300; i++) {
                    nulls.addNull();
                }
                return nulls;
            }
            case 9:
                return nodes.numberNode(0);
            case 10:
                return nodes.numberNode(new java.math.BigDecimal("1e400"));
            default:
                return nodes.stringNode(oddText());
        }
    }

    private JsonNode validValue(String name, JsonNode schema, JsonNode schemas, int depth) {
        JsonNode resolved = resolve(schema, schemas);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String type = resolved.path("type").asString("");
        if (resolved.has("enum")) {
            return resolved.get("enum").get(0);
        }
        if ("object".equals(type) || resolved.has("properties")) {
            ObjectNode object = nodes.objectNode();
            if (depth < 4) {
                for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
                    object.set(property.getKey(), validValue(property.getKey(), property.getValue(), schemas,
                            depth + 1));
                }
            }
            return object;
        }
        if ("array".equals(type)) {
            ArrayNode array = nodes.arrayNode();
            if (depth < 4 && !name.toLowerCase().contains("channel")) {
                array.add(validValue(name, resolved.path("items"), schemas, depth + 1));
            }
            return array;
        }
        if ("integer".equals(type)) {
            return nodes.numberNode(name.toLowerCase().contains("second") ? 60 : 1);
        }
        if ("number".equals(type)) {
            return nodes.numberNode(name.equals("amount") ? 100 : 5);
        }
        if ("boolean".equals(type)) {
            return nodes.booleanNode(true);
        }
        return nodes.stringNode(validText(name, resolved, schemas));
    }

    private String validText(String name, JsonNode schema, JsonNode schemas) {
        JsonNode resolved = resolve(schema, schemas);
        if (resolved.has("enum")) {
            return resolved.get("enum").get(0).asString();
        }
        String format = resolved.path("format").asString("");
        String type = resolved.path("type").asString("");
        String lower = name.toLowerCase();
        if ("date".equals(format)) {
            return "2026-11-28";
        }
        if ("date-time".equals(format) || lower.equals("from") || lower.equals("to") || lower.endsWith("at")) {
            return "2026-11-29T10:00:00Z";
        }
        if ("integer".equals(type) || "number".equals(type)) {
            return lower.contains("step") ? "60" : lower.equals("days") ? "7" : "1";
        }
        if ("boolean".equals(type)) {
            return "true";
        }
        if (lower.contains("url")) {
            return "http://127.0.0.1:9/hook";
        }
        if (lower.contains("account")) {
            return "123456789012";
        }
        if (lower.contains("region")) {
            return "us-east-1";
        }
        if (lower.contains("password")) {
            return "a-long-enough-password";
        }
        if (lower.equals("metric")) {
            return "Invocations";
        }
        if (lower.equals("function") || lower.equals("name")) {
            return "orders-api";
        }
        return "fuzz";
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        JsonNode current = schema;
        for (int i = 0; i < 5 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asString();
            current = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (current.has("oneOf") || current.has("anyOf")) {
            JsonNode choices = current.has("oneOf") ? current.get("oneOf") : current.get("anyOf");
            Iterator<JsonNode> each = choices.iterator();
            while (each.hasNext()) {
                JsonNode choice = each.next();
                if (!"null".equals(choice.path("type").asString(""))) {
                    return resolve(choice, schemas);
                }
            }
        }
        return current;
    }

    // ---- page forms

    /** The form's fields as the browser would send them, CSRF token left to the test's own. */
    private static List<String[]> fields(Element form) {
        List<String[]> fields = new ArrayList<>();
        for (Element field : form.select("input[name], select[name], textarea[name]")) {
            String name = field.attr("name");
            if (name.equals("_csrf")) {
                continue;
            }
            String value;
            if (field.tagName().equals("select")) {
                Element selected = field.selectFirst("option[selected]");
                if (selected == null) {
                    selected = field.selectFirst("option");
                }
                value = (selected != null) ? selected.attr("value") : "";
            }
            else if (field.tagName().equals("textarea")) {
                value = field.text();
            }
            else if (field.attr("type").equals("checkbox") || field.attr("type").equals("radio")) {
                if (!field.hasAttr("checked")) {
                    continue;
                }
                value = field.hasAttr("value") ? field.attr("value") : "on";
            }
            else {
                value = field.attr("value");
            }
            fields.add(new String[] { name, value });
        }
        return fields;
    }

    private List<String[]> mutate(List<String[]> fields, int variant) {
        List<String[]> sent = new ArrayList<>();
        fields.forEach((f) -> sent.add(f.clone()));
        if (variant == 0 || sent.isEmpty()) {
            return sent;
        }
        int changes = 1 + this.random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            int i = this.random.nextInt(sent.size());
            String[] field = sent.get(i);
            switch (this.random.nextInt(8)) {
                case 0 -> sent.remove(i);
                case 1 -> sent.add(new String[] { "unexpected", oddText() });
                case 2, 3 -> {
                    // list-index abuse: thresholds[300].kind, channelIds[5000]
                    Matcher indexed = INDEXED.matcher(field[0]);
                    String index = pick(List.of("300", "5000", "99999999999", "-1", "abc"));
                    String name = indexed.matches() ? indexed.group(1) + "[" + index + "]" + indexed.group(3)
                            : field[0] + "[" + index + "]";
                    sent.add(new String[] { name, this.random.nextBoolean() ? field[1] : oddText() });
                }
                default -> field[1] = oddText();
            }
            if (sent.isEmpty()) {
                break;
            }
        }
        if (this.random.nextInt(10) == 0) {
            sent.forEach((f) -> f[1] = oddText());
        }
        return sent;
    }

    private void submit(HttpMethod method, String action, List<String[]> fields) throws Exception {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(action);
        }
        catch (IllegalArgumentException notAUri) {
            return;
        }
        MockHttpServletRequestBuilder request = request(method, uri).accept(MediaType.TEXT_HTML);
        StringBuilder described = new StringBuilder(method + " " + action);
        for (String[] field : fields) {
            request.param(field[0], field[1]);
            described.append(' ').append(field[0]).append('=').append(abbreviate(field[1]));
        }
        if (method == HttpMethod.POST) {
            request.contentType(MediaType.APPLICATION_FORM_URLENCODED);
        }
        send(request, described.toString());
    }

    // ---- both

    private void send(MockHttpServletRequestBuilder request, String described) {
        this.requests++;
        long started = System.nanoTime();
        try {
            int status = this.mvc.perform(request).andReturn().getResponse().getStatus();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis > 3000) {
                System.out.println("InputFuzzTests: slow (" + millis + " ms): " + abbreviate(described));
            }
            if (status >= 500) {
                this.failures.add(status + " " + described);
            }
        }
        catch (Exception ex) {
            Throwable cause = ex;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            this.failures.add("exception " + cause.getClass().getSimpleName() + ": "
                    + abbreviate(String.valueOf(cause.getMessage())) + " from " + described);
        }
    }

    private String oddText() {
        return pick(ODD_TEXT);
    }

    private <T> T pick(List<T> choices) {
        return choices.get(this.random.nextInt(choices.size()));
    }

    private static String abbreviate(String text) {
        return (text.length() > 120) ? text.substring(0, 60) + "…(" + text.length() + " chars)" : text;
    }
}
