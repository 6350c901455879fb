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
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in a real browser (Debian's Chromium through ChromeDriver): every chart fetches its series and draws
 * them, the page logs no JavaScript error, and the function table searches and sorts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DemoDataConfiguration.class)
class BrowserTests {

    /** Counts canvas pixels close to the first line colour of charts.js (#1f77b4): drawn data, not axes or grid. */
    private static final String DATA_PIXELS = """
            const canvas = arguments[0].querySelector('canvas');
            if (!canvas) { return -1; }
            const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let n = 0;
            for (let i = 0; i < d.length; i += 4) {
              if (Math.abs(d[i] - 31) < 20 && Math.abs(d[i + 1] - 119) < 20 && Math.abs(d[i + 2] - 180) < 20
                  && d[i + 3] > 128) { n++; }
            }
            return n;""";

    /**
     * The share of the plot's width where the threshold's dashed grey line (#7f7f7f) is drawn, on the canvas row where
     * uPlot puts the threshold's value.
     */
    private static final String THRESHOLD_ROW = """
            const el = arguments[0], u = el.uplot, ctx = el.querySelector('canvas').getContext('2d');
            const y = Math.round(u.valToPos(el.signal.threshold, 'y', true));
            const left = Math.round(u.bbox.left), width = Math.round(u.bbox.width);
            const d = ctx.getImageData(left, y - 1, width, 3).data;
            let n = 0;
            for (let x = 0; x < width; x++) {
              for (let r = 0; r < 3; r++) {
                const i = (r * width + x) * 4;
                if (Math.abs(d[i] - 127) < 16 && Math.abs(d[i + 1] - 127) < 16 && Math.abs(d[i + 2] - 127) < 16
                    && d[i + 3] > 128) { n++; break; }
              }
            }
            return n / width;""";

    /** The share of the plot's height where the latest change of state is drawn in its state's colour. */
    private static final String LATEST_MARK_COLUMN = """
            const el = arguments[0], u = el.uplot, ctx = el.querySelector('canvas').getContext('2d');
            const change = el.signal.changes[el.signal.changes.length - 1];
            const colour = { ALARM: [179, 38, 30], OK: [30, 123, 52], INSUFFICIENT_DATA: [138, 109, 59] }[change.to];
            const x = Math.round(u.valToPos(change.at, 'x', true));
            const top = Math.round(u.bbox.top), height = Math.round(u.bbox.height);
            const d = ctx.getImageData(x - 1, top, 3, height).data;
            let n = 0;
            for (let y = 0; y < height; y++) {
              for (let c = 0; c < 3; c++) {
                const i = (y * 3 + c) * 4;
                if (Math.abs(d[i] - colour[0]) < 30 && Math.abs(d[i + 1] - colour[1]) < 30
                    && Math.abs(d[i + 2] - colour[2]) < 30 && d[i + 3] > 128) { n++; break; }
              }
            }
            return n / height;""";

    private static Chromium chromium;

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    DemoData demoData;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    dev.lambdalens.alerting.RuleEvaluation evaluation;

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
    void shouldDrawEveryOverviewChartWithData() {
        open("/");
        assertChartsDrewData(4);
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldPageThroughTheAuditLogAndSearchAndFilterIt() {
        this.jdbc.sql("delete from audit_event").update();
        for (int i = 1; i <= 7; i++) {
            this.jdbc.sql("insert into audit_event (at, actor, action, entity_type, entity_id) values (?, ?, ?, ?, ?)")
                .params(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(10 - i),
                        (i % 2 == 0) ? "alice" : "bob", "CHANGED", (i <= 4) ? "rule" : "channel", "browser-" + i)
                .update();
        }
        open("/settings/audit?limit=3");
        List<String> seen = new java.util.ArrayList<>();
        int pages = 0;
        while (true) {
            pages++;
            browser.findElements(By.cssSelector("#audit-events tbody tr[data-id] td:nth-child(4)"))
                .forEach((cell) -> seen.add(cell.getText()));
            List<WebElement> older = browser.findElements(By.id("audit-older"));
            if (older.isEmpty()) {
                break;
            }
            older.get(0).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("cursor="));
        }
        // newest first, each once, three a page, the last page linking back to the newest
        assertThat(seen).containsExactly("channel browser-7", "channel browser-6", "channel browser-5",
                "rule browser-4", "rule browser-3", "rule browser-2", "rule browser-1");
        assertThat(pages).isEqualTo(3);
        assertThat(browser.findElements(By.id("audit-newest"))).hasSize(1);

        // the search and the filters, kept in the pages' links
        open("/settings/audit?limit=3");
        browser.findElement(By.cssSelector("#audit-filter input[name=search]")).sendKeys("BROWSER-3");
        browser.findElement(By.cssSelector("#audit-filter button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("search="));
        assertThat(browser.findElements(By.cssSelector("#audit-events tbody tr[data-id] td:nth-child(4)")))
            .extracting(WebElement::getText)
            .containsExactly("rule browser-3");
        open("/settings/audit?limit=2");
        new org.openqa.selenium.support.ui.Select(
                browser.findElement(By.cssSelector("#audit-filter select[name=entityType]")))
            .selectByVisibleText("rule");
        browser.findElement(By.cssSelector("#audit-filter input[name=actor]")).sendKeys("bob");
        browser.findElement(By.cssSelector("#audit-filter button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("actor=bob"));
        assertThat(browser.findElements(By.cssSelector("#audit-events tbody tr[data-id] td:nth-child(4)")))
            .extracting(WebElement::getText)
            .containsExactly("rule browser-3", "rule browser-1");
        assertThat(browser.findElements(By.id("audit-older"))).isEmpty();
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldPageThroughTheErrorGroupsAndSearchAndFilterThem() {
        this.jdbc.sql("delete from log_error_group").update();
        long now = System.currentTimeMillis();
        for (int i = 1; i <= 5; i++) {
            this.jdbc.sql("""
                    insert into log_error_group (account_id, region, function_name, fingerprint, error_type, message,
                        first_seen, last_seen, occurrences) values ('123456789012', ?, ?, ?, ?, 'boom', ?, ?, 1)""")
                .params((i <= 3) ? "us-east-1" : "eu-west-1", "fn-" + i, "fp-" + i, "BrowserError" + i,
                        now - 3_600_000, now - i * 60_000L)
                .update();
        }
        open("/errors?limit=2");
        List<String> seen = new java.util.ArrayList<>();
        while (true) {
            browser.findElements(By.cssSelector("#error-groups tbody tr[data-id] strong"))
                .forEach((cell) -> seen.add(cell.getText()));
            List<WebElement> older = browser.findElements(By.id("errors-older"));
            if (older.isEmpty()) {
                break;
            }
            older.get(0).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("cursor=")
                    && !d.findElements(By.id("errors-newest")).isEmpty());
        }
        // most recently seen first, each once
        assertThat(seen).containsExactly("BrowserError1", "BrowserError2", "BrowserError3", "BrowserError4",
                "BrowserError5");
        new org.openqa.selenium.support.ui.Select(
                browser.findElement(By.cssSelector("#errors-filter select[name=region]")))
            .selectByVisibleText("eu-west-1");
        browser.findElement(By.cssSelector("#errors-filter button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("region=eu-west-1"));
        assertThat(browser.findElements(By.cssSelector("#error-groups tbody tr[data-id] strong")))
            .extracting(WebElement::getText)
            .containsExactly("BrowserError4", "BrowserError5");
        open("/errors");
        browser.findElement(By.cssSelector("#errors-filter input[name=search]")).sendKeys("browsererror3");
        browser.findElement(By.cssSelector("#errors-filter button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("search="));
        assertThat(browser.findElements(By.cssSelector("#error-groups tbody tr[data-id] strong")))
            .extracting(WebElement::getText)
            .containsExactly("BrowserError3");
        assertNoJavaScriptErrors();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldDrawEachOverviewRegionsChartsFromOneRequest() {
        open("/");
        assertChartsDrewData(4);
        int regions = browser.findElements(By.cssSelector("[data-chart-group]")).size();
        assertThat(regions).isPositive();
        List<String> requests = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)"
                        + ".filter(n => n.includes('/api/v1/series'))");
        // one request per region, each naming every line of the region's charts (2 + 3)
        assertThat(requests).hasSize(regions).allSatisfy((url) -> {
            assertThat(url).contains("/api/v1/series/batch?");
            assertThat(url.split("line=", -1)).hasSize(6);
        });
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldDrawEveryFunctionChartWithDataForEachRange() {
        open("/functions/us-east-1/image-resizer");
        assertChartsDrewData(4);
        browser.findElement(By.linkText("7d")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("range=7d"));
        assertChartsDrewData(4);
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldSearchSortAndPageTheFunctionTableOnTheServerKeepingEachInTheAddress() {
        open("/");
        WebElement search = browser.findElement(By.id("function-search"));
        search.sendKeys("thumb");
        search.submit();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("search=thumb"));
        List<WebElement> visible = visibleRows();
        assertThat(visible).hasSize(1);
        assertThat(visible.get(0).getText()).contains("thumbnailer");
        assertThat(browser.findElement(By.id("function-search")).getAttribute("value")).as("what was typed is kept")
            .isEqualTo("thumb");

        browser.findElement(By.id("function-clear")).click();
        sortBy("Throttles"); // ascending
        sortBy("Throttles"); // descending: the most throttled first
        assertThat(browser.getCurrentUrl()).contains("sort=throttles", "dir=desc");
        List<WebElement> rows = visibleRows();
        assertThat(rows).hasSize(18);
        assertThat(rows.get(0).getText()).contains("image-resizer");
        assertThat(rows.get(1).getText()).contains("thumbnailer");
        assertThat(browser.findElement(By.xpath("//table[@id='functions']//th[a[normalize-space()='Throttles']]"))
            .getAttribute("aria-sort")).isEqualTo("descending");

        // five a page: the pages walked with the keyboard's links hold each function once, in the same order
        browser.get(browser.getCurrentUrl() + "&limit=5");
        List<String> walked = new java.util.ArrayList<>();
        while (true) {
            visibleRows().forEach((row) -> walked.add(row.findElement(By.cssSelector("td a")).getText() + " in "
                    + row.findElements(By.tagName("td")).get(1).getText()));
            List<WebElement> next = browser.findElements(By.id("functions-next"));
            if (next.isEmpty()) {
                break;
            }
            String at = browser.getCurrentUrl();
            next.get(0).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> !d.getCurrentUrl().equals(at));
        }
        assertThat(walked).hasSize(18).doesNotHaveDuplicates();
        assertThat(walked.subList(0, 2)).containsExactly("image-resizer in us-east-1", "thumbnailer in eu-west-1");
        assertThat(browser.findElement(By.cssSelector(".pager")).getText()).contains("Page 4 of 4");
        assertNoJavaScriptErrors();
    }

    private static void sortBy(String column) {
        String at = browser.getCurrentUrl();
        browser.findElement(By.xpath("//table[@id='functions']//th//a[normalize-space()='" + column + "']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> !d.getCurrentUrl().equals(at));
    }

    @Test
    void shouldDrawTheDailyCostAndSortFunctionsByCost() {
        open("/costs");
        assertChartsDrewData("#daily-cost", 1); // budgets made by other tests draw charts of their own
        browser.findElement(By.id("function-search")).sendKeys("etl");
        assertThat(visibleRows()).hasSize(1);
        browser.findElement(By.id("function-search")).clear();
        browser.findElement(By.id("function-search")).sendKeys(" ");
        WebElement cost = browser.findElement(By.xpath("//table[@id='functions']//th[normalize-space()='Cost']"));
        cost.click(); // ascending: the cheapest first
        List<WebElement> rows = visibleRows();
        assertThat(rows).hasSize(18);
        double first = Double.parseDouble(rows.get(0).findElements(By.tagName("td")).get(9).getAttribute("data-value"));
        double last = Double.parseDouble(rows.get(17).findElements(By.tagName("td")).get(9).getAttribute("data-value"));
        assertThat(first).isLessThanOrEqualTo(last);
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldSaveARuleWithOnlyItsRequiredFieldsAndKeepWhatWasTypedWhenAValueIsRefused() {
        open("/alerts/rules/new");
        browser.findElement(By.name("name")).sendKeys("Throttles of the checkout, typed in a browser");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().endsWith("/alerts"));
        assertThat(browser.findElement(By.cssSelector("table.rules")).getText())
            .contains("Throttles of the checkout, typed in a browser");

        // refused by the server, not the browser: the message sits next to its field, the rest is as typed
        open("/alerts/rules/new");
        browser.findElement(By.name("name")).sendKeys("Two of one");
        WebElement threshold = browser.findElement(By.name("threshold"));
        threshold.clear();
        threshold.sendKeys("42.5");
        WebElement datapoints = browser.findElement(By.name("datapointsToAlarm"));
        datapoints.clear();
        datapoints.sendKeys("9");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
            .until((d) -> !d.findElements(By.cssSelector(".field-error")).isEmpty());
        WebElement error = browser.findElement(By.cssSelector(".field-error"));
        WebElement field = error.findElement(By.xpath("preceding-sibling::label[1]//input"));
        assertThat(field.getAttribute("name")).isIn("datapointsToAlarm", "evaluationPeriods");
        assertThat(browser.findElement(By.name("name")).getAttribute("value")).isEqualTo("Two of one");
        assertThat(browser.findElement(By.name("threshold")).getAttribute("value")).isEqualTo("42.5");
        assertThat(browser.findElement(By.name("datapointsToAlarm")).getAttribute("value")).isEqualTo("9");
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldEditTheBuiltInNotificationRuleThroughItsShortForm() {
        open("/alerts");
        browser.findElement(By.linkText("Notifications given up")).click();
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("A built-in rule");
        assertThat(browser.findElement(By.name("signal")).isEnabled()).as("what it watches is fixed").isFalse();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("severity"))).selectByValue("WARNING");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().endsWith("/alerts"));
        WebElement row = browser.findElement(By.xpath("//table[@class='rules']//tr[.//a[text()='Notifications given up']]"));
        assertThat(row.getText()).contains("WARNING", "EXTERNAL");
        assertNoJavaScriptErrors();
    }

    @Test
    void shouldChartAFiringAlertWithItsThresholdAndLinkItToItsFunctionAndRule() {
        this.evaluation.evaluateAll();
        open("/");
        WebElement firing = browser.findElements(By.cssSelector("section.firing a.firing-alert"))
            .stream()
            .filter((a) -> a.getText().contains("p99 duration") && a.getText().contains("pdf-renderer"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("pdf-renderer's p99 alert is not among the overview's firing items"));
        firing.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().matches(".*/alerts/\\d+$"));
        String alertPage = browser.getCurrentUrl();
        assertChartsDrewData(1);
        WebElement chart = browser.findElement(By.cssSelector("[data-chart]"));
        assertThat(chart.findElements(By.tagName("canvas"))).hasSize(1);
        assertThat(chart.getAttribute("data-series")).startsWith("p99 duration (share of the timeout)|Threshold 90%");
        assertThat(Integer.parseInt(chart.getAttribute("data-marks"))).as("changes of state marked").isPositive();
        Object threshold = ((JavascriptExecutor) browser).executeScript(THRESHOLD_ROW, chart);
        assertThat(((Number) threshold).doubleValue()).as("the dashed threshold across the plot, at its value")
            .isGreaterThan(0.4);
        Object mark = ((JavascriptExecutor) browser).executeScript(LATEST_MARK_COLUMN, chart);
        assertThat(((Number) mark).doubleValue()).as("the latest change of state, top to bottom").isGreaterThan(0.8);
        // the legend reads as the tables do: the threshold's label, values rounded with their unit
        List<String> legend = chart.findElements(By.cssSelector(".u-legend .u-series th")).stream()
            .map(WebElement::getText)
            .toList();
        assertThat(legend).contains("Threshold 90%");
        assertNoJavaScriptErrors();

        browser.findElement(By.id("function-link")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("/functions/"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("pdf-renderer");
        assertChartsDrewData(5);

        open(alertPage.substring(alertPage.indexOf("/alerts/")));
        browser.findElement(By.id("rule-link")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("/alerts#rule-"));
        String rule = browser.getCurrentUrl().substring(browser.getCurrentUrl().indexOf('#') + 1);
        assertThat(browser.findElement(By.id(rule)).getText()).contains("p99 duration above 90% of the timeout");
        assertNoJavaScriptErrors();
    }

    private void open(String path) {
        chromium.open(this.port, path);
    }

    private static List<WebElement> visibleRows() {
        return browser.findElements(By.cssSelector("#functions tbody tr")).stream().filter(WebElement::isDisplayed)
            .toList();
    }

    private static void assertChartsDrewData(int expected) {
        assertChartsDrewData("[data-chart]", expected);
    }

    private static void assertChartsDrewData(String selector, int expected) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until((d) -> d
            .findElements(By.cssSelector(selector))
            .stream()
            .allMatch((chart) -> chart.getAttribute("data-drawn") != null));
        List<WebElement> charts = browser.findElements(By.cssSelector(selector));
        assertThat(charts).hasSize(expected);
        for (WebElement chart : charts) {
            assertThat(chart.getAttribute("data-drawn")).as("chart drawn: %s", chart.getText()).isEqualTo("true");
            assertThat(Integer.parseInt(chart.getAttribute("data-points"))).isPositive();
            Object pixels = ((JavascriptExecutor) browser).executeScript(DATA_PIXELS, chart);
            assertThat(((Number) pixels).longValue()).as("data pixels drawn in a chart").isGreaterThan(100);
        }
    }

    private static void assertNoJavaScriptErrors() {
        chromium.assertNoJavaScriptErrors();
    }
}
