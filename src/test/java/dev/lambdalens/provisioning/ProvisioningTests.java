package dev.lambdalens.provisioning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Configuration as code, through the real schedule: a file in the directory at start is applied, a change is
 * applied without a restart, an object removed from its file is removed, a file with an error is refused whole with
 * its line and field, and an export applied as a file gives the same objects.
 */
@SpringBootTest(properties = "lambdalens.provisioning.interval=1s")
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisioningTests {

    static final JsonMapper json = JsonMapper.builder().build();

    /** Within the 30 days a silence may last, and after the test. */
    static final String SILENCE_END = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS).toString();

    static final Path DIRECTORY = createDirectory();

    static final String TEAM = """
            apiVersion: 1
            channels:
              - name: oncall
                type: WEBHOOK
                url: ${TEAM_WEBHOOK_URL}
                secret: ${TEAM_WEBHOOK_SECRET}
                minimumSeverity: WARNING
            rules:
              - name: Orders errors
                signal: METRIC
                metric: Errors
                statistic: Sum
                scope: FUNCTION
                scopeValue: orders-api
                comparison: GREATER_THAN_THRESHOLD
                threshold: %s
                periodSeconds: 300
                evaluationPeriods: 2
                datapointsToAlarm: 2
                severity: CRITICAL
                channels: [oncall]
            silences:
              - rule: Orders errors
                functionPattern: orders-*
                endsAt: %2$s
                comment: Orders migration week
            budgets:
              - name: Orders budget
                amount: %1$s
                scope: FUNCTIONS
                scopeValue: orders-*
                severity: CRITICAL
                channels: [oncall]
                thresholds:
                  - kind: ACTUAL
                    value: 90
            """;


    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void provisioning(DynamicPropertyRegistry registry) {
        registry.add("lambdalens.provisioning.path", DIRECTORY::toString);
        // the environment the placeholders read: secrets never sit in the files
        registry.add("TEAM_WEBHOOK_URL", () -> "https://hooks.example.com/services/T0/B0/team-secret-path");
        registry.add("TEAM_WEBHOOK_SECRET", () -> "s3cret-signing-key");
        registry.add("LAMBDALENS_CHANNEL_PAGER_URL", () -> "https://hooks.example.com/pager");
        registry.add("LAMBDALENS_CHANNEL_PAGER_SECRET", () -> "pager-key");
    }

    static String team(String threshold) {
        return TEAM.formatted(threshold, SILENCE_END);
    }

    static Path createDirectory() {
        try {
            Path directory = Files.createTempDirectory("lambdalens-provisioning-");
            Files.writeString(directory.resolve("team.yaml"), team("5"));
            return directory;
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @Test
    @Order(1)
    void shouldApplyTheFilesAtStartAsReadOnlyObjects() throws Exception {
        JsonNode channel = find("/api/v1/channels", "oncall");
        assertThat(channel.get("provisionedFrom").asString()).isEqualTo("team.yaml");
        assertThat(channel.get("type").asString()).isEqualTo("WEBHOOK");
        assertThat(channel.get("signed").asBoolean()).as("the secret came from the environment").isTrue();
        assertThat(channel.get("url").asString()).doesNotContain("team-secret-path");
        JsonNode rule = find("/api/v1/alert-rules", "Orders errors");
        assertThat(rule.get("provisionedFrom").asString()).isEqualTo("team.yaml");
        assertThat(rule.get("threshold").asDouble()).isEqualTo(5);
        assertThat(rule.get("channelIds").get(0).asLong()).isEqualTo(channel.get("id").asLong());

        ObjectNode changed = ((ObjectNode) rule.deepCopy()).put("threshold", 50);
        changed.remove("provisionedFrom");
        changed.remove("id");
        this.mvc.perform(put("/api/v1/alert-rules/" + rule.get("id").asLong()).contentType(MediaType.APPLICATION_JSON)
            .content(json.writeValueAsString(changed)))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("team.yaml")));
        this.mvc.perform(delete("/api/v1/alert-rules/" + rule.get("id").asLong())).andExpect(status().isConflict());
        this.mvc.perform(delete("/api/v1/channels/" + channel.get("id").asLong())).andExpect(status().isConflict());
        String page = this.mvc.perform(get("/alerts").accept(MediaType.TEXT_HTML)).andReturn().getResponse()
            .getContentAsString();
        assertThat(page).contains("provisioned · team.yaml");

        JsonNode silence = silenceFrom("team.yaml");
        assertThat(silence.get("ruleId").asLong()).isEqualTo(rule.get("id").asLong());
        assertThat(silence.get("functionPattern").asString()).isEqualTo("orders-*");
        assertThat(silence.get("endsAt").asString()).isEqualTo(SILENCE_END);
        assertThat(silence.get("createdBy").asString()).as("the file stands for its author").isEqualTo("team.yaml");
        assertThat(silence.get("active").asBoolean()).isTrue();
        this.mvc.perform(delete("/api/v1/silences/" + silence.get("id").asLong()))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("team.yaml")));

        JsonNode budget = budget("Orders budget");
        assertThat(budget.get("provisionedFrom").asString()).isEqualTo("team.yaml");
        assertThat(budget.get("definition").get("amount").asDouble()).isEqualTo(5);
        assertThat(budget.get("definition").get("channelIds").get(0).asLong()).isEqualTo(channel.get("id").asLong());
        assertThat(budget.get("definition").get("thresholds")).hasSize(1);
        long budgetId = budget.get("id").asLong();
        this.mvc.perform(put("/api/v1/budgets/" + budgetId).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"Orders budget\", \"amount\": 500}"))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("team.yaml")));
        this.mvc.perform(delete("/api/v1/budgets/" + budgetId)).andExpect(status().isConflict());
        this.mvc.perform(get("/costs/budgets/" + budgetId + "/edit").accept(MediaType.TEXT_HTML))
            .andExpect(status().isConflict());
        String costs = this.mvc.perform(get("/costs").accept(MediaType.TEXT_HTML)).andReturn().getResponse()
            .getContentAsString();
        assertThat(costs).contains("provisioned · team.yaml").doesNotContain("/costs/budgets/" + budgetId + "/edit");
        String silences = this.mvc.perform(get("/alerts/silences").accept(MediaType.TEXT_HTML)).andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(silences).as("read-only on the silences page: a badge, no End now")
            .contains("provisioned · team.yaml")
            .doesNotContain("/alerts/silences/" + silence.get("id").asLong() + "/expire");
        String provisioning = this.mvc.perform(get("/provisioning").accept(MediaType.TEXT_HTML)).andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(provisioning).contains("Declared in the files (read-only)", "Orders errors", "Orders budget",
                "Orders migration week (rule " + rule.get("id").asLong() + ", functions orders-* until " + SILENCE_END);
    }

    @Test
    @Order(2)
    void shouldApplyAChangeWithoutARestart() throws Exception {
        Files.writeString(DIRECTORY.resolve("team.yaml"), team("12.5"));
        await("/api/v1/alert-rules", (rules) -> rules.valueStream()
            .anyMatch((r) -> r.get("name").asString().equals("Orders errors") && r.get("threshold").asDouble() == 12.5));
        assertThat(budget("Orders budget").get("definition").get("amount").asDouble()).isEqualTo(12.5);
        assertThat(silences().valueStream().filter((s) -> "team.yaml".equals(s.path("provisionedFrom").asString())))
            .as("the silence did not change: the same one, not a second").hasSize(1);
    }

    @Test
    @Order(3)
    void shouldRemoveWhatIsRemovedFromTheFiles() throws Exception {
        String withoutRule = team("5").substring(0, TEAM.indexOf("rules:"));
        Files.writeString(DIRECTORY.resolve("team.yaml"), withoutRule);
        await("/api/v1/alert-rules", (rules) -> rules.valueStream()
            .noneMatch((r) -> r.get("name").asString().equals("Orders errors")));
        assertThat(find("/api/v1/channels", "oncall")).isNotNull();
        assertThat(budgetOrNull("Orders budget")).as("removed with the rest of the file").isNull();
        assertThat(silences().valueStream()
            .filter((s) -> "team.yaml".equals(s.path("provisionedFrom").asString()))
            .map((s) -> s.get("active").asBoolean())).as("ended, kept as history").containsExactly(false);
        Files.delete(DIRECTORY.resolve("team.yaml"));
        await("/api/v1/channels", (channels) -> channels.valueStream()
            .noneMatch((c) -> c.get("name").asString().equals("oncall")));
    }

    @Test
    @Order(4)
    void shouldRefuseAFileWithAnErrorWholeNamingItsLineAndField() throws Exception {
        Files.writeString(DIRECTORY.resolve("broken.yaml"), """
                channels:
                  - name: would-be
                    url: https://hooks.example.com/x
                rules:
                  - name: Broken rule
                    signal: METRIC
                    metric: Errors
                    comparison: GREATER_THAN_THRESHOLD
                    threshold: 1
                    periodSeconds: 30
                    evaluationPeriods: 1
                    datapointsToAlarm: 1
                """);
        JsonNode status = await("/api/v1/provisioning", (s) -> s.get("files").valueStream()
            .anyMatch((f) -> f.get("file").asString().equals("broken.yaml")));
        JsonNode broken = status.get("files").valueStream()
            .filter((f) -> f.get("file").asString().equals("broken.yaml"))
            .findFirst()
            .orElseThrow();
        assertThat(broken.get("applied").asBoolean()).isFalse();
        assertThat(broken.get("line").asInt()).isEqualTo(10);
        assertThat(broken.get("field").asString()).isEqualTo("rules[0].periodSeconds");
        assertThat(broken.get("message").asString()).contains("broken.yaml:10", "must be greater than or equal to 60");
        assertThat(names("/api/v1/channels")).as("nothing of the file applied").doesNotContain("would-be");
        String page = this.mvc.perform(get("/provisioning").accept(MediaType.TEXT_HTML)).andReturn().getResponse()
            .getContentAsString();
        assertThat(page).contains("broken.yaml", "refused", "rules[0].periodSeconds");

        Files.writeString(DIRECTORY.resolve("broken.yaml"), """
                budgets:
                  - name: Fine budget
                    amount: 100
                  - name: Broken budget
                    amount: -5
                """);
        awaitRefusal("broken.yaml", 5, "budgets[1].amount", "must be at least 0.01");
        assertThat(budgetOrNull("Fine budget")).as("nothing of the file applied").isNull();
        Files.writeString(DIRECTORY.resolve("broken.yaml"), """
                silences:
                  - functionPattern: orders-*
                    endsAt: %s
                    comment: far too long
                """.formatted(Instant.now().plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.SECONDS)));
        awaitRefusal("broken.yaml", 3, "silences[0].endsAt", "a silence lasts at most 30 days");
        Files.writeString(DIRECTORY.resolve("broken.yaml"), """
                silences:
                  - endsAt: %s
                    comment: mutes everything, unconfirmed
                """.formatted(SILENCE_END));
        awaitRefusal("broken.yaml", 2, "silences[0].confirmMatchesEverything", "confirm");

        Files.writeString(DIRECTORY.resolve("broken.yaml"), "channels:\n  - name: x\n    url: ${NOT_SET_ANYWHERE}\n");
        await("/api/v1/provisioning", (s) -> s.get("files").valueStream()
            .anyMatch((f) -> f.get("message").asString().contains("NOT_SET_ANYWHERE") && f.get("line").asInt() == 3));
        Files.delete(DIRECTORY.resolve("broken.yaml"));
    }

    @Test
    @Order(5)
    void shouldGiveTheSameObjectsWhenAnExportIsAppliedAsAFile() throws Exception {
        String created = this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"pager\", \"url\": \"https://hooks.example.com/pager\", \"secret\": \"pager-key\", "
                    + "\"minimumSeverity\": \"CRITICAL\"}"))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
        long pager = json.readTree(created).get("id").asLong();
        this.mvc.perform(post("/api/v1/alert-rules").contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "Checkout throttles", "signal": "METRIC", "metric": "Throttles", "statistic": "Sum",
                 "scope": "NAME_PATTERN", "scopeValue": "checkout-*", "comparison": "GREATER_THAN_THRESHOLD",
                 "threshold": 0, "periodSeconds": 60, "evaluationPeriods": 3, "datapointsToAlarm": 2,
                 "missingData": "NOT_BREACHING", "severity": "CRITICAL", "runbookUrl": "https://wiki.example.com/t",
                 "channelIds": [%d]}""".formatted(pager))).andExpect(status().isCreated());
        long checkout = find("/api/v1/alert-rules", "Checkout throttles").get("id").asLong();
        this.mvc.perform(post("/api/v1/silences").contentType(MediaType.APPLICATION_JSON).content("""
                {"ruleId": %d, "region": "eu-west-1", "functionPattern": "checkout-*", "endsAt": "%s",
                 "createdBy": "ops", "comment": "Checkout load test"}""".formatted(checkout, SILENCE_END)))
            .andExpect(status().isCreated());
        this.mvc.perform(post("/api/v1/budgets").contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "Checkout budget", "amount": 250.50, "period": "CUSTOM", "startsOn": "2026-01-01",
                 "endsOn": "2026-12-31", "scope": "TAG", "scopeValue": "team=checkout", "account": "123456789012",
                 "severity": "INFO", "channelIds": [%d],
                 "thresholds": [{"kind": "FORECASTED", "value": 120}, {"kind": "ACTUAL", "value": 200, "unit": "ABSOLUTE"}]}
                """.formatted(pager))).andExpect(status().isCreated());
        long budgetRule = find("/api/v1/alert-rules", "Budget: Checkout budget").get("id").asLong();
        this.mvc.perform(post("/api/v1/silences").contentType(MediaType.APPLICATION_JSON).content("""
                {"ruleId": %d, "endsAt": "%s", "comment": "Checkout budget known to overrun"}"""
            .formatted(budgetRule, SILENCE_END))).andExpect(status().isCreated());
        Map<String, JsonNode> rulesBefore = byName("/api/v1/alert-rules");
        Map<String, JsonNode> channelsBefore = byName("/api/v1/channels");
        Map<String, JsonNode> budgetsBefore = budgets();
        Map<String, JsonNode> silencesBefore = activeSilences();
        assertThat(silencesBefore).hasSize(2);

        String export = this.mvc.perform(get("/api/v1/provisioning/export"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(export).contains("${LAMBDALENS_CHANNEL_PAGER_URL}", "${LAMBDALENS_CHANNEL_PAGER_SECRET}",
                "channels:\n  - \"pager\"").doesNotContain("pager-key", "hooks.example.com/pager");
        // from clicks to git: the hand-made objects go, the file brings them back
        this.mvc.perform(delete("/api/v1/alert-rules/" + rulesBefore.get("Checkout throttles").get("id").asLong()));
        for (JsonNode active : silencesBefore.values()) {
            this.mvc.perform(delete("/api/v1/silences/" + active.get("id").asLong())).andExpect(status().isOk());
        }
        for (JsonNode budget : budgetsBefore.values()) {
            this.mvc.perform(delete("/api/v1/budgets/" + budget.get("id").asLong())).andExpect(status().isNoContent());
        }
        this.mvc.perform(delete("/api/v1/channels/" + pager));
        assertThat(activeSilences()).isEmpty();
        assertThat(export).contains("silences:", "rule: \"Checkout throttles\"", "budgets:", "name: \"Checkout budget\"");
        Files.writeString(DIRECTORY.resolve("exported.yaml"), export);
        await("/api/v1/alert-rules", (rules) -> rules.valueStream()
            .anyMatch((r) -> r.get("name").asString().equals("Checkout throttles")));

        Map<String, JsonNode> rulesAfter = byName("/api/v1/alert-rules");
        Map<String, JsonNode> channelsAfter = byName("/api/v1/channels");
        assertThat(channelsAfter.keySet()).isEqualTo(channelsBefore.keySet());
        assertThat(rulesAfter.keySet()).isEqualTo(rulesBefore.keySet());
        for (String name : channelsBefore.keySet()) {
            assertThat(comparable(channelsAfter.get(name)).toString()).isEqualTo(comparable(channelsBefore.get(name)).toString());
        }
        long newPager = channelsAfter.get("pager").get("id").asLong();
        for (String name : rulesBefore.keySet()) {
            ObjectNode before = comparable(rulesBefore.get(name));
            boolean budgets = name.startsWith("Budget: "); // a budget's rule comes with its budget
            if (name.equals("Checkout throttles") || budgets) {
                before.putArray("channelIds").add(newPager);
            }
            assertThat(comparable(rulesAfter.get(name)).toString()).as(name).isEqualTo(before.toString());
            // a rule kept by another module (a budget's, a built-in one) is not in the export: it comes with its keeper
            boolean kept = budgets || !export.contains("name: \"" + name + "\"");
            assertThat(rulesAfter.get(name).path("provisionedFrom").asString(null))
                .isEqualTo(kept ? null : "exported.yaml");
        }
        long newCheckout = rulesAfter.get("Checkout throttles").get("id").asLong();
        Map<String, JsonNode> budgetsAfter = budgets();
        assertThat(budgetsAfter.keySet()).isEqualTo(budgetsBefore.keySet());
        for (String name : budgetsBefore.keySet()) {
            ObjectNode before = (ObjectNode) budgetsBefore.get(name).get("definition").deepCopy();
            before.putArray("channelIds").add(newPager);
            assertThat(budgetsAfter.get(name).get("definition").toString()).as(name).isEqualTo(before.toString());
            assertThat(budgetsAfter.get(name).get("provisionedFrom").asString()).isEqualTo("exported.yaml");
        }
        // a silence of a budget's alerts names the rule the budget brings, defined with it in the same file
        long newBudgetRule = rulesAfter.get("Budget: Checkout budget").get("id").asLong();
        Map<String, JsonNode> silencesAfter = activeSilences();
        assertThat(silencesAfter.keySet()).isEqualTo(silencesBefore.keySet());
        for (String comment : silencesBefore.keySet()) {
            ObjectNode before = comparable(silencesBefore.get(comment))
                .put("ruleId", comment.startsWith("Checkout budget") ? newBudgetRule : newCheckout);
            assertThat(comparable(silencesAfter.get(comment)).toString()).isEqualTo(before.toString());
            assertThat(silencesAfter.get(comment).get("provisionedFrom").asString()).isEqualTo("exported.yaml");
        }
    }

    @Test
    @Order(6)
    void shouldBringBackARuleRemovedFromItsFileThenDeclaredAgain() throws Exception {
        Files.writeString(DIRECTORY.resolve("again.yaml"), team("7").replace("oncall", "oncall-again"));
        long first = await("/api/v1/alert-rules", (rules) -> rules.valueStream()
            .anyMatch((r) -> r.get("name").asString().equals("Orders errors"))).valueStream()
            .filter((r) -> r.get("name").asString().equals("Orders errors"))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asLong();
        String declared = team("7").replace("oncall", "oncall-again");
        String withoutRule = declared.substring(0, declared.indexOf("rules:"));
        Files.writeString(DIRECTORY.resolve("again.yaml"), withoutRule);
        await("/api/v1/alert-rules", (rules) -> rules.valueStream()
            .noneMatch((r) -> r.get("name").asString().equals("Orders errors")));
        this.mvc.perform(get("/api/v1/alert-rules/" + first)).andExpect(status().isNotFound());

        // the deleted rule keeps its alerts' history, not its name
        Files.writeString(DIRECTORY.resolve("again.yaml"), team("8").replace("oncall", "oncall-again"));
        JsonNode back = await("/api/v1/alert-rules", (rules) -> rules.valueStream()
            .anyMatch((r) -> r.get("name").asString().equals("Orders errors"))).valueStream()
            .filter((r) -> r.get("name").asString().equals("Orders errors"))
            .findFirst()
            .orElseThrow();
        assertThat(back.get("id").asLong()).isNotEqualTo(first);
        assertThat(back.get("threshold").asDouble()).isEqualTo(8);
        assertThat(back.get("provisionedFrom").asString()).isEqualTo("again.yaml");
        assertThat(read("/api/v1/provisioning").get("files").valueStream()
            .filter((f) -> f.get("file").asString().equals("again.yaml"))
            .findFirst()
            .orElseThrow()
            .get("applied")
            .asBoolean()).isTrue();
        Files.delete(DIRECTORY.resolve("again.yaml"));
        await("/api/v1/alert-rules", (rules) -> rules.valueStream()
            .noneMatch((r) -> r.get("name").asString().equals("Orders errors")));
    }

    private static ObjectNode comparable(JsonNode node) {
        ObjectNode copy = (ObjectNode) node.deepCopy();
        copy.remove("id");
        copy.remove("provisionedFrom");
        return copy;
    }

    private void awaitRefusal(String file, int line, String field, String message) throws Exception {
        JsonNode status = await("/api/v1/provisioning", (s) -> s.get("files").valueStream()
            .anyMatch((f) -> f.get("file").asString().equals(file) && field.equals(f.path("field").asString())));
        JsonNode refused = status.get("files").valueStream()
            .filter((f) -> f.get("file").asString().equals(file))
            .findFirst()
            .orElseThrow();
        assertThat(refused.get("applied").asBoolean()).isFalse();
        assertThat(refused.get("line").asInt()).as(refused.toString()).isEqualTo(line);
        assertThat(refused.get("message").asString()).contains(file + ":" + line, message);
    }

    private JsonNode silences() throws Exception {
        return read("/api/v1/silences");
    }

    /** The silences in force, by comment. */
    private Map<String, JsonNode> activeSilences() throws Exception {
        Map<String, JsonNode> byComment = new TreeMap<>();
        read("/api/v1/silences?active=true").forEach((s) -> byComment.put(s.get("comment").asString(), s));
        return byComment;
    }

    private JsonNode silenceFrom(String file) throws Exception {
        return silences().valueStream()
            .filter((s) -> file.equals(s.path("provisionedFrom").asString()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no silence from " + file));
    }

    private Map<String, JsonNode> budgets() throws Exception {
        Map<String, JsonNode> byName = new TreeMap<>();
        read("/api/v1/budgets").forEach((b) -> byName.put(b.get("definition").get("name").asString(), b));
        return byName;
    }

    private JsonNode budget(String name) throws Exception {
        JsonNode budget = budgetOrNull(name);
        assertThat(budget).as("budget " + name).isNotNull();
        return budget;
    }

    private @org.jspecify.annotations.Nullable JsonNode budgetOrNull(String name) throws Exception {
        return budgets().get(name);
    }

    private JsonNode await(String path, Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode answer = read(path);
        while (!condition.test(answer)) {
            assertThat(Instant.now()).as("waiting on " + path + ": " + answer + "; " + read("/api/v1/provisioning"))
                .isBefore(deadline);
            Thread.sleep(200);
            answer = read(path);
        }
        return answer;
    }

    private JsonNode find(String path, String name) throws Exception {
        return byName(path).get(name);
    }

    private List<String> names(String path) throws Exception {
        return new ArrayList<>(byName(path).keySet());
    }

    private Map<String, JsonNode> byName(String path) throws Exception {
        Map<String, JsonNode> byName = new TreeMap<>();
        read(path).forEach((n) -> byName.put(n.get("name").asString(), n));
        return byName;
    }

    private JsonNode read(String path) throws Exception {
        return json.readTree(this.mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
            .getContentAsString());
    }
}
