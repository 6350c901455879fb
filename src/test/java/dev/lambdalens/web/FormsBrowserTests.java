package dev.lambdalens.web;

import java.time.Duration;
import java.util.List;

import dev.lambdalens.testing.Chromium;
import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.DemoDataConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forms as an on-call engineer fills them in a real browser (Debian's Chromium): only the required fields typed,
 * choices chosen from what the page offers, and each refused value explained next to its field with everything else
 * kept as typed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DemoDataConfiguration.class)
class FormsBrowserTests {

    private static Chromium chromium;

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    DemoData demoData;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.start();
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void collectAndSignIn() {
        this.demoData.collectOnce();
        chromium.signIn(this.port);
    }

    @Test
    void shouldCreateARuleOfEverySignalKindFillingOnlyItsName() {
        open("/alerts/rules/new");
        List<String> kinds = new Select(browser.findElement(By.name("signal"))).getOptions()
            .stream()
            .map((o) -> o.getAttribute("value"))
            .toList();
        assertThat(kinds).contains("METRIC", "ERROR_RATE", "THROTTLE_RATE", "ACCOUNT_CONCURRENCY_SHARE",
                "RESERVED_CONCURRENCY_SHARE", "P99_SHARE_OF_TIMEOUT", "SPILLOVER_RATE", "ASYNC_AGE_SHARE",
                "STREAM_LAG_SHARE", "COLLECTION_FAILING", "DATA_LAG", "DISCOVERY_FAILING").doesNotContain("EXTERNAL");
        // offered in words, not as enum names
        assertThat(new Select(browser.findElement(By.name("signal"))).getOptions()).extracting(WebElement::getText)
            .contains("Error rate: errors as a % of invocations");
        for (String kind : kinds) {
            open("/alerts/rules/new");
            type("name", "Every kind: " + kind);
            new Select(browser.findElement(By.name("signal"))).selectByValue(kind);
            assertThat(browser.findElement(By.name("metric")).isDisplayed()).as("metric offered for %s", kind)
                .isEqualTo(kind.equals("METRIC"));
            saveAndExpect("/alerts");
        }
        String rules = browser.findElement(By.cssSelector("table.rules")).getText();
        kinds.forEach((kind) -> assertThat(rules).contains("Every kind: " + kind));
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldOfferOnlyTheStatisticsCollectedForTheChosenMetric() {
        open("/alerts/rules/new");
        type("name", "Slow image resizing");
        new Select(browser.findElement(By.name("metric"))).selectByValue("Duration");
        assertThat(offeredStatistics()).containsExactly("Sum", "Maximum", "Average", "p99");
        new Select(browser.findElement(By.name("statistic"))).selectByValue("p99");
        new Select(browser.findElement(By.name("metric"))).selectByValue("Throttles");
        assertThat(offeredStatistics()).containsExactly("Sum");
        assertThat(new Select(browser.findElement(By.name("statistic"))).getFirstSelectedOption().getAttribute("value"))
            .as("a statistic not collected for the metric is not left chosen")
            .isEqualTo("Sum");
        new Select(browser.findElement(By.name("metric"))).selectByValue("Duration");
        new Select(browser.findElement(By.name("statistic"))).selectByValue("p99");
        type("threshold", "2500");
        saveAndExpect("/alerts");
        assertThat(ruleRow("Slow image resizing").getText()).contains("Duration p99");
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldChooseTheFunctionAccountAndRegionFromTheInventoryAndRefuseAnUnknownFunction() {
        open("/alerts/rules/new");
        assertThat(browser.findElements(By.cssSelector("datalist#function-names option")))
            .extracting((o) -> o.getAttribute("value"))
            .contains("image-resizer", "pdf-renderer");
        assertThat(new Select(browser.findElement(By.name("region"))).getOptions()).extracting(WebElement::getText)
            .contains("any region", "us-east-1");
        assertThat(new Select(browser.findElement(By.name("account"))).getOptions()).extracting(WebElement::getText)
            .contains("any account", "123456789012");
        type("name", "Resizer throttled");
        new Select(browser.findElement(By.name("scope"))).selectByValue("FUNCTION");
        assertThat(browser.findElement(By.name("scopeValue")).getAttribute("list")).isEqualTo("function-names");
        type("scopeValue", "image-resiser");
        new Select(browser.findElement(By.name("region"))).selectByValue("us-east-1");
        type("threshold", "3");
        type("periodSeconds", "300");
        type("evaluationPeriods", "4");
        type("datapointsToAlarm", "2");
        save();
        assertThat(messageNextTo("scopeValue")).contains("there is no function named 'image-resiser' in us-east-1");
        assertKept("name", "Resizer throttled");
        assertKept("scopeValue", "image-resiser");
        assertKeptNumber("threshold", 3);
        assertKept("periodSeconds", "300");
        assertKept("evaluationPeriods", "4");
        assertKept("datapointsToAlarm", "2");
        assertThat(new Select(browser.findElement(By.name("region"))).getFirstSelectedOption().getAttribute("value"))
            .isEqualTo("us-east-1");
        assertThat(new Select(browser.findElement(By.name("scope"))).getFirstSelectedOption().getAttribute("value"))
            .isEqualTo("FUNCTION");

        type("scopeValue", "image-resizer");
        saveAndExpect("/alerts");
        assertThat(ruleRow("Resizer throttled").getText()).contains("FUNCTION image-resizer");
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldNameChannelsByTheirNamesAndKeepEverythingWhenAChannelIsRefused() {
        addChannel("payments on-call", "http://127.0.0.1:9/hook");
        open("/alerts/rules/new");
        WebElement choices = browser.findElement(By.id("channel-choices"));
        assertThat(choices.getText()).contains("payments on-call").doesNotContain("comma separated");
        type("name", "Errors to payments");
        type("threshold", "7");
        type("periodSeconds", "120");
        type("evaluationPeriods", "3");
        type("datapointsToAlarm", "3");
        WebElement payments = channelBox("payments on-call");
        // what typing a channel's name used to send: the form must keep the rest and say what is wrong
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = 'payments on-call'", payments);
        payments.click();
        save();
        assertThat(messageAfter(browser.findElement(By.id("channel-choices"))))
            .contains("is not a channel: tick the channels by their names").doesNotContain("java.");
        assertKept("name", "Errors to payments");
        assertKeptNumber("threshold", 7);
        assertKept("periodSeconds", "120");
        assertKept("evaluationPeriods", "3");
        assertKept("datapointsToAlarm", "3");

        open("/alerts/rules/new");
        type("name", "Errors to payments");
        channelBox("payments on-call").click();
        saveAndExpect("/alerts");
        browser.findElement(By.linkText("Errors to payments")).click();
        assertThat(channelBox("payments on-call").isSelected()).as("the channel stays ticked").isTrue();
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldEditAndDisableAShippedRuleAndSaveItAgainUnchanged() {
        open("/alerts");
        browser.findElement(By.linkText("Error rate above 5%")).click();
        assertKept("name", "Error rate above 5%");
        save();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().endsWith("/alerts"));
        assertThat(ruleRow("Error rate above 5%").getText()).contains("ERROR_RATE", "5.0", "yes");

        browser.findElement(By.linkText("Error rate above 5%")).click();
        type("threshold", "8");
        WebElement enabled = browser.findElement(By.name("enabled"));
        assertThat(enabled.isSelected()).isTrue();
        enabled.click();
        saveAndExpect("/alerts");
        assertThat(ruleRow("Error rate above 5%").getText()).contains("8.0", "paused");
        browser.findElement(By.linkText("Error rate above 5%")).click();
        assertThat(browser.findElement(By.name("enabled")).isSelected()).isFalse();
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldPreviewTheSignalOverTheLastDayWithTheThresholdAndThePeriodsThatWouldHaveAlarmed() {
        open("/alerts/rules/new");
        type("name", "Close to the timeout");
        new Select(browser.findElement(By.name("signal"))).selectByValue("P99_SHARE_OF_TIMEOUT");
        type("threshold", "90");
        WebElement preview = waitForPreview("90%");
        assertThat(preview.getAttribute("data-series")).isEqualTo(
                "p99 duration (share of the timeout) · pdf-renderer (us-east-1)|Threshold 90%");
        assertThat(Integer.parseInt(preview.getAttribute("data-points"))).isPositive();
        assertThat(alarms(preview)).as("would-be changes into ALARM marked").isPositive();
        assertThat(Integer.parseInt(preview.getAttribute("data-alarming"))).isPositive();
        assertThat(browser.findElement(By.id("rule-preview-summary")).getText())
            .startsWith("Over the last day pdf-renderer (us-east-1) would have gone into alarm");

        type("threshold", "5000");
        preview = waitForPreview("5,000%");
        assertThat(alarms(preview)).isZero();
        assertThat(browser.findElement(By.id("rule-preview-summary")).getText())
            .startsWith("Over the last day this rule would not have alarmed");

        new Select(browser.findElement(By.name("signal"))).selectByValue("DATA_LAG");
        chromium.waitUpTo(Duration.ofSeconds(20)).until((d) -> d.findElement(By.id("rule-preview-summary")).getText()
            .contains("watches LambdaLens itself"));
        assertNoJavaScriptErrors();
    }

    /** Waits for the preview of the threshold last typed to be drawn. */
    private static WebElement waitForPreview(String threshold) {
        WebElement preview = browser.findElement(By.id("rule-preview"));
        chromium.waitUpTo(Duration.ofSeconds(30)).until((d) -> "true".equals(preview.getAttribute("data-drawn"))
                && String.valueOf(preview.getAttribute("data-series")).endsWith("|Threshold " + threshold));
        return preview;
    }

    /** How many times the preview's target would have gone into ALARM, as drawn. */
    private static long alarms(WebElement preview) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(
                "return arguments[0].signal.changes.filter(function (c) { return c.to === 'ALARM'; }).length",
                preview)).longValue();
    }

    @Test
    void shouldSaveAOneClickRuleFromInsightsUnchanged() {
        open("/insights");
        WebElement suggestion = browser.findElements(By.cssSelector("ol.recommendations form button"))
            .stream()
            .filter((b) -> b.getText().startsWith("Alert: "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no one-click rule on the insights page"));
        String name = suggestion.getText().substring("Alert: ".length());
        suggestion.click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().endsWith("/edit"));
        assertKept("name", name);
        saveAndExpect("/alerts");
        assertThat(ruleRow(name).getText()).contains("yes");
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldCreateAChannelAndTestItFromThePage() throws Exception {
        java.util.List<String> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer
            .create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", (exchange) -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            open("/channels");
            assertThat(new Select(browser.findElement(By.name("type"))).getOptions()).extracting(WebElement::getText)
                .contains("webhook", "Slack", "PagerDuty");
            type("name", "team hook");
            type("url", "ftp://" + url.substring("http://".length()));
            browser.findElement(By.xpath("//form[@class='form']//button[text()='Add channel']")).click();
            chromium.waitUpTo(Duration.ofSeconds(10))
                .until((d) -> !d.findElements(By.cssSelector(".field-error")).isEmpty());
            assertThat(messageNextTo("url")).contains("must be an http(s) URL");
            assertKept("name", "team hook");

            type("url", url);
            browser.findElement(By.xpath("//form[@class='form']//button[text()='Add channel']")).click();
            chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.findElements(By.cssSelector(".field-error")).isEmpty()
                    && d.findElement(By.tagName("table")).getText().contains("team hook"));
            browser.findElement(By.xpath("//tr[td/span[text()='team hook']]//button[text()='Send test']")).click();
            chromium.waitUpTo(Duration.ofSeconds(15)).until((d) -> !d.findElements(By.id("test-result")).isEmpty());
            assertThat(browser.findElement(By.id("test-result")).getText()).isEqualTo("team hook: delivered (204)");
            assertThat(received).hasSize(1);
            assertNoJavaScriptErrors();
        }
        finally {
            receiver.stop(0);
        }
    }

    @Test
    void shouldCreateAnAllAccountsBudgetAndKeepItsDatesWhenOneIsRefused() {
        open("/costs/budgets/new");
        assertThat(new Select(browser.findElement(By.name("account"))).getFirstSelectedOption().getText())
            .isEqualTo("every account");
        type("name", "All of Lambda");
        type("amount", "750");
        saveAndExpect("/costs");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("All of Lambda");
        assertThat(this.jdbc.sql("select account_id from budget where name = 'All of Lambda'").query()
            .singleColumn()).containsExactly((Object) null);

        open("/costs/budgets/new");
        type("name", "Migration weeks");
        type("amount", "120.50");
        new Select(browser.findElement(By.name("period"))).selectByValue("CUSTOM");
        date("startsOn", "2026-12-10");
        date("endsOn", "2026-12-01");
        save();
        assertThat(messageNextTo("endsOn")).isEqualTo("must not be before the first day");
        assertKept("name", "Migration weeks");
        assertKeptNumber("amount", 120.5);
        assertKept("startsOn", "2026-12-10");
        assertKept("endsOn", "2026-12-01");
        assertThat(new Select(browser.findElement(By.name("period"))).getFirstSelectedOption().getAttribute("value"))
            .isEqualTo("CUSTOM");

        date("endsOn", "2026-12-31");
        type("thresholds[0].value", "-5");
        save();
        WebElement row = browser.findElement(By.name("thresholds[0].value"))
            .findElement(By.xpath("ancestor::div[contains(@class,'threshold-row')]"));
        assertThat(row.findElements(By.cssSelector(".field-error"))).extracting(WebElement::getText)
            .containsExactly("must be a percentage above 0 and at most 10,000");
        assertKept("startsOn", "2026-12-10");
        assertKept("endsOn", "2026-12-31");
        assertThat(browser.findElements(By.cssSelector(".error-banner + .field-error"))).as("no message in the banner")
            .isEmpty();
        type("thresholds[0].value", "90");
        saveAndExpect("/costs");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Migration weeks");
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldCreateAUserAndATokenAndSayNextToTheFieldWhatIsWrong() {
        open("/settings");
        WebElement user = browser.findElement(By.id("new-user"));
        type(user, "username", "ana maria");
        type(user, "password", "a long enough password");
        new Select(user.findElement(By.name("role"))).selectByValue("OPERATOR");
        user.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> !d.findElements(By.cssSelector(".field-error")).isEmpty());
        user = browser.findElement(By.id("new-user"));
        assertThat(messageNextTo(user, "username")).isEqualTo("use 1 to 100 letters, digits and . _ @ + -");
        assertThat(user.findElement(By.name("username")).getAttribute("value")).isEqualTo("ana maria");
        assertThat(new Select(user.findElement(By.name("role"))).getFirstSelectedOption().getAttribute("value"))
            .isEqualTo("OPERATOR");
        type(user, "username", "ana.maria");
        type(user, "password", "a long enough password");
        user.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.findElement(By.tagName("main")).getText()
            .contains("User ana.maria created."));
        assertThat(browser.findElement(By.xpath("//tr[td[text()='ana.maria']]")).getText()).contains("OPERATOR");

        WebElement token = browser.findElement(By.id("new-token"));
        type(token, "name", "grafana");
        date(token.findElement(By.name("expiresOn")), "2026-11-01");
        token.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> !d.findElements(By.cssSelector(".field-error")).isEmpty());
        token = browser.findElement(By.id("new-token"));
        assertThat(messageNextTo(token, "expiresOn")).isEqualTo("must be in the future").doesNotContain("expiresAt");
        assertThat(token.findElement(By.name("name")).getAttribute("value")).isEqualTo("grafana");
        assertThat(token.findElement(By.name("expiresOn")).getAttribute("value")).isEqualTo("2026-11-01");
        assertThat(browser.findElements(By.cssSelector(".error-banner"))).isEmpty();
        date(token.findElement(By.name("expiresOn")), "2026-12-31");
        token.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> !d.findElements(By.id("new-token")).isEmpty()
                && !d.findElements(By.cssSelector("code#new-token")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("code#new-token")).getText()).startsWith("llt_");
        assertThat(browser.findElement(By.xpath("//tr[td[text()='grafana']]")).getText()).contains("2027-01-01 00:00");
        assertNoJavaScriptErrors();
    }

    private static void type(WebElement form, String field, String value) {
        WebElement input = form.findElement(By.name(field));
        input.clear();
        input.sendKeys(value);
    }

    /** Sets a date input as the date picker does (typing depends on the browser's locale). */
    private static void date(String field, String isoDate) {
        date(browser.findElement(By.name(field)), isoDate);
    }

    private static void date(WebElement input, String isoDate) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", input, isoDate);
    }

    private static String messageNextTo(WebElement form, String field) {
        return messageAfter(form.findElement(By.name(field)).findElement(By.xpath("ancestor::label[1]")));
    }

    /** Adds a webhook channel through the channels page, filling only its name and URL. */
    private void addChannel(String name, String url) {
        open("/channels");
        type("name", name);
        type("url", url);
        browser.findElement(By.xpath("//form[@class='form']//button[text()='Add channel']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.findElement(By.tagName("main")).getText().contains(name)
                || !d.findElements(By.cssSelector(".field-error")).isEmpty());
        assertThat(browser.findElements(By.cssSelector(".field-error"))).as("refused").isEmpty();
    }

    private static List<String> offeredStatistics() {
        return new Select(browser.findElement(By.name("statistic"))).getOptions()
            .stream()
            .filter((o) -> o.getAttribute("hidden") == null && o.isEnabled())
            .map((o) -> o.getAttribute("value"))
            .toList();
    }

    private static WebElement channelBox(String name) {
        return browser.findElement(By.xpath("//div[@id='channel-choices']//label[span[text()='" + name + "']]/input"));
    }

    private static WebElement ruleRow(String name) {
        return browser.findElement(By.xpath("//table[@class='rules']//tr[.//a[text()='" + name + "']]"));
    }

    private void open(String path) {
        chromium.open(this.port, path);
    }

    private static void type(String field, String value) {
        WebElement input = browser.findElement(By.name(field));
        input.clear();
        input.sendKeys(value);
    }

    private static void save() {
        String before = browser.getCurrentUrl();
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        chromium.waitUpTo(Duration.ofSeconds(10))
            .until((d) -> !d.getCurrentUrl().equals(before) || !d.findElements(By.cssSelector(".field-error")).isEmpty());
    }

    private static void saveAndExpect(String path) {
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().endsWith(path)
                || !d.findElements(By.cssSelector(".field-error")).isEmpty());
        assertThat(browser.findElements(By.cssSelector(".field-error"))).extracting(WebElement::getText)
            .as("refused").isEmpty();
    }

    /** The message shown right after the field's label: next to the field, not in a banner. */
    private static String messageNextTo(String field) {
        WebElement label = browser.findElement(By.name(field)).findElement(By.xpath("ancestor::label[1]"));
        return messageAfter(label);
    }

    private static String messageAfter(WebElement block) {
        List<WebElement> next = block.findElements(By.xpath("following-sibling::*[1][contains(@class,'field-error')]"));
        assertThat(next).as("a message right after %s", block.getText()).hasSize(1);
        return next.get(0).getText();
    }

    private static void assertKept(String field, String value) {
        assertThat(browser.findElement(By.name(field)).getAttribute("value")).as(field).isEqualTo(value);
    }

    private static void assertKeptNumber(String field, double value) {
        assertThat(Double.parseDouble(browser.findElement(By.name(field)).getAttribute("value"))).as(field)
            .isEqualTo(value);
    }

    private static void assertNoJavaScriptErrors() {
        chromium.assertNoJavaScriptErrors();
    }
}
