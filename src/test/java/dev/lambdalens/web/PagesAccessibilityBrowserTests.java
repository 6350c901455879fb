package dev.lambdalens.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.RuleEvaluation;
import dev.lambdalens.collector.CycleRunner;
import dev.lambdalens.testing.Chromium;
import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.DemoDataConfiguration;
import dev.lambdalens.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page in a real browser as everybody reads it: axe-core (from its webjar, injected into the page) finds no
 * serious or critical violation of WCAG 2.1 A and AA in the light or the dark theme, no page is wider than a phone,
 * and sorting works from the keyboard; pages update themselves when samples are stored; every time is in the one
 * zone the reader chose; and the charts of a page answer together (crosshair, zoom in the URL, step, what is still
 * filling, since when data is stored, a text alternative).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DemoDataConfiguration.class)
// a context of its own: the live-page tests move the clock and collect again
@TestPropertySource(properties = "lambdalens.test.context=pages-accessibility")
class PagesAccessibilityBrowserTests {

    private static final String AXE_RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                                resultTypes: ['violations'] })
              .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                  + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.html.slice(0, 160)
                    + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200)).join(' | '))))
              .catch(e => done(['axe failed: ' + e]));""";

    private static Chromium chromium;

    private static ChromeDriver browser;

    private static String axe;

    @LocalServerPort
    int port;

    @Autowired
    DemoData demoData;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationContext context;

    @BeforeAll
    static void startBrowser() throws IOException {
        try (InputStream in = PagesAccessibilityBrowserTests.class
            .getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            assertThat(in).as("axe-core's webjar on the test classpath").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        chromium = Chromium.start();
        browser = chromium.driver();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
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

    @AfterEach
    void desktopAndLightAgain() {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "UTC"));
        browser.manage().deleteCookieNamed("lambdalens-zone");
    }

    @Test
    void shouldFindNoSeriousAccessibilityViolationOnAnyPageInEitherTheme() {
        List<String> violations = new ArrayList<>();
        for (String theme : List.of("light", "dark")) {
            browser.executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", theme))));
            for (String path : pages()) {
                open(path);
                List<String> found = axe();
                found.forEach((v) -> violations.add(theme + " " + path + ": " + v));
                if (!path.equals("/no-such-page")) { // its 404 is logged
                    chromium.assertNoJavaScriptErrors();
                }
            }
        }
        assertThat(violations).as("serious and critical accessibility violations").isEmpty();
    }

    @Test
    void shouldFitEveryPageIntoAPhonesWidth() {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        List<String> tooWide = new ArrayList<>();
        for (String path : pages()) {
            open(path);
            long width = ((Number) browser.executeScript(
                    "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")).longValue();
            long viewport = ((Number) browser.executeScript("return document.documentElement.clientWidth"))
                .longValue();
            assertThat(viewport).as("the phone's viewport").isLessThanOrEqualTo(390);
            if (width > viewport) {
                Object widest = browser.executeScript("""
                        const vw = document.documentElement.clientWidth;
                        return Array.from(document.querySelectorAll('body *'))
                          .filter(e => e.getBoundingClientRect().right > vw + 1)
                          .filter(e => !e.closest('.table-scroll'))
                          .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));""");
                tooWide.add(path + " is " + width + " px wide: " + widest);
            }
        }
        assertThat(tooWide).as("pages wider than a 390 px phone").isEmpty();
        // the wide function table scrolls in its own box, which the keyboard can reach
        open("/");
        WebElement box = browser.findElement(By.cssSelector(".table-scroll:has(#functions)"));
        assertThat((Boolean) browser.executeScript("return arguments[0].scrollWidth > arguments[0].clientWidth", box))
            .isTrue();
        assertThat(box.getAttribute("tabindex")).isEqualTo("0");
        assertThat(box.getAttribute("aria-label")).startsWith("Functions");
    }

    @Test
    void shouldSortTheFunctionTableFromTheKeyboardAndSayWhichPageIsOpen() {
        open("/");
        // each heading is a link to its sort: Enter follows it, and the page says which way it is sorted
        By throttles = By.xpath("//table[@id='functions']//th//a[normalize-space()='Throttles']");
        browser.findElement(throttles).sendKeys(Keys.ENTER);
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("sort=throttles"));
        assertThat(browser.findElement(throttles).findElement(By.xpath("ancestor::th")).getAttribute("aria-sort"))
            .isEqualTo("ascending");
        browser.findElement(throttles).sendKeys(Keys.ENTER);
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("dir=desc"));
        assertThat(browser.findElement(throttles).findElement(By.xpath("ancestor::th")).getAttribute("aria-sort"))
            .isEqualTo("descending");
        List<WebElement> rows = browser.findElements(By.cssSelector("#functions tbody tr"));
        assertThat(rows.get(0).getText()).contains("image-resizer");
        assertThat(browser.findElements(By.cssSelector("#functions th[aria-sort]"))).hasSize(1);

        assertThat(browser.findElements(By.cssSelector("header nav a[aria-current=page]")))
            .extracting(WebElement::getText)
            .containsExactly("Overview");
        open("/collector");
        assertThat(browser.findElements(By.cssSelector("header nav a[aria-current=page]")))
            .extracting(WebElement::getText)
            .containsExactly("Collector");
        chromium.assertNoJavaScriptErrors();
    }

    @Test
    void shouldUpdateTheOverviewItselfWhenNewSamplesAreStoredKeepingScrollSearchAndSorting() {
        open("/");
        WebElement search = browser.findElement(By.id("function-search"));
        search.sendKeys("us-east-1");
        search.submit();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("search=us-east-1"));
        browser.findElement(By.xpath("//table[@id='functions']//th//a[normalize-space()='Throttles']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("sort=throttles"));
        browser.executeScript("window.scrollTo(0, 300); window.notReloaded = true;");
        long scrolled = ((Number) browser.executeScript("return window.scrollY")).longValue();
        assertThat(scrolled).as("the page scrolls").isPositive();
        WebElement chart = browser.findElement(By.cssSelector("[data-chart]"));
        String before = chart.getAttribute("data-chart");
        long lastPointBefore = lastPoint(chart);
        int visibleBefore = visibleRowCount();
        assertThat(visibleBefore).as("some functions, not all 18").isBetween(1, 17);
        String invocationsBefore = invocationsOf("image-resizer");

        // new samples through the real path: a collection cycle three minutes later, while the page is open
        this.clock.advance(Duration.ofMinutes(3));
        CycleRunner.runCycle(this.context);

        chromium.waitUpTo(Duration.ofSeconds(30)).until((d) -> !before.equals(chart.getAttribute("data-chart"))
                && "true".equals(chart.getAttribute("data-drawn")) && lastPoint(chart) > lastPointBefore);
        assertThat(lastPoint(chart) - lastPointBefore).as("the new minutes drawn").isGreaterThanOrEqualTo(120);
        assertThat(browser.findElement(By.cssSelector("main")).getAttribute("data-live-updates")).isNotNull();
        assertThat(browser.executeScript("return window.notReloaded")).as("updated in place, not reloaded")
            .isEqualTo(true);
        assertThat(((Number) browser.executeScript("return window.scrollY")).longValue()).isEqualTo(scrolled);
        assertThat(browser.findElement(By.id("function-search")).getAttribute("value")).isEqualTo("us-east-1");
        assertThat(visibleRowCount()).as("the search still applies").isEqualTo(visibleBefore);
        assertThat(browser.findElement(By.xpath("//table[@id='functions']//th[a[normalize-space()='Throttles']]"))
            .getAttribute("aria-sort")).isEqualTo("ascending");
        assertThat(browser.findElement(By.id("live-status")).getText()).matches("Updated \\d\\d:\\d\\d:\\d\\d UTC");
        // the table read the new hour too (three minutes later the last hour holds other minutes)
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> !invocationsOf("image-resizer").equals(invocationsBefore));
        chromium.assertNoJavaScriptErrors();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldShowOneDatapointAtTheSameTimeInChartAndTableInEitherTimeZone() {
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Tokyo"));
        open("/");
        Map<String, Object> utc = peakAsShown();
        assertThat(utc.get("zone")).isEqualTo("UTC");
        assertThat((String) utc.get("legend")).endsWith(" " + utc.get("server"));
        assertThat((String) utc.get("table")).endsWith(" " + utc.get("server"));
        assertThat(browser.findElement(By.cssSelector("footer")).getText()).contains("times in UTC");

        new Select(browser.findElement(By.id("zone-choice"))).selectByValue("browser");
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> "Asia/Tokyo"
            .equals(d.findElement(By.tagName("html")).getAttribute("data-zone")));
        waitForCharts();
        Map<String, Object> tokyo = peakAsShown();
        assertThat(tokyo.get("datetime")).as("the same datapoint").isEqualTo(utc.get("datetime"));
        String nineHoursLater = java.time.LocalTime.parse((String) utc.get("server")).plusHours(9).toString();
        assertThat(tokyo.get("server")).isEqualTo(nineHoursLater);
        assertThat((String) tokyo.get("legend")).endsWith(" " + nineHoursLater);
        assertThat((String) tokyo.get("table")).endsWith(" " + nineHoursLater);
        assertThat(browser.findElement(By.cssSelector("footer")).getText()).contains("times in Asia/Tokyo");
        assertThat(browser.findElement(By.cssSelector(".u-legend .u-series:first-child th")).getText())
            .contains("Asia/Tokyo");

        // remembered, and on every page: the collector's table writes its times in it too
        open("/collector");
        assertThat(new Select(browser.findElement(By.id("zone-choice"))).getFirstSelectedOption().getText())
            .isEqualTo("Asia/Tokyo");
        chromium.assertNoJavaScriptErrors();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldShareCrosshairAndZoomAcrossAPagesChartsAndSayWhatEachShows() {
        open("/functions/us-east-1/image-resizer?range=1h");
        waitForCharts();
        List<WebElement> charts = browser.findElements(By.cssSelector("[data-chart][data-drawn=true]"));
        assertThat(charts).hasSizeGreaterThanOrEqualTo(3);
        WebElement first = charts.get(0);
        WebElement second = charts.get(1);

        // one crosshair: hovering the first chart moves the second's cursor to the same time
        WebElement over = first.findElement(By.cssSelector(".u-over"));
        new Actions(browser).moveToElement(over, 40, 0).perform();
        chromium.waitUpTo(Duration.ofSeconds(5)).until((d) -> cursorTime(second) != null);
        assertThat(cursorTime(second)).isCloseTo(cursorTime(first), org.assertj.core.data.Offset.offset(61.0));

        // the step with its unit; the minutes still filling; the text alternative
        assertThat(first.findElement(By.xpath("preceding-sibling::p[@class='chart-meta']")).getText())
            .contains("one point per 1 min").contains("still filling");
        String yLabel = (String) browser.executeScript("return arguments[0].uplot.axes[1].label", first);
        assertThat(yLabel).isEqualTo("per 1 min");
        // the function's series were read at most 5 minutes ago: its last 3 stored minutes are still filling
        long lastEnd = lastPoint(first) + 60;
        long settled = this.clock.instant().minus(Chart.STILL_FILLING).getEpochSecond();
        long filling = Math.min(settled, lastEnd - Chart.STILL_FILLING.toSeconds()) / 60 * 60;
        assertThat(lastEnd).isGreaterThan(settled - 300);
        assertThat(first.getAttribute("data-incomplete-from")).isEqualTo(String.valueOf(filling));
        WebElement summary = first.findElement(By.xpath("following-sibling::p[@class='chart-summary']"));
        assertThat(summary.getText()).startsWith("Invocations, errors and throttles, times in UTC.")
            .contains("Invocations: latest ").contains(", highest ");
        WebElement details = first.findElement(By.xpath("following-sibling::details"));
        details.findElement(By.tagName("summary")).sendKeys(Keys.ENTER); // opened from the keyboard
        chromium.waitUpTo(Duration.ofSeconds(5)).until((d) -> !details.findElements(By.cssSelector("tbody tr")).isEmpty());
        List<WebElement> rows = details.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(((Number) browser.executeScript("return arguments[0].data[0].length", first))
            .intValue());

        // zoom: a drag across one chart zooms them all, lives in the URL, survives a reload, and resets
        new Actions(browser).moveToElement(over, -100, 0).clickAndHold().moveByOffset(120, 0).release().perform();
        chromium.waitUpTo(Duration.ofSeconds(5)).until((d) -> d.getCurrentUrl().contains("zoom="));
        List<Double> minimums = charts.stream()
            .map((c) -> ((Number) browser.executeScript("return arguments[0].uplot.scales.x.min", c)).doubleValue())
            .toList();
        assertThat(minimums).allSatisfy((min) -> assertThat(min).isEqualTo(minimums.get(0)));
        String zoomed = browser.getCurrentUrl();
        browser.navigate().refresh();
        waitForCharts();
        WebElement again = browser.findElement(By.cssSelector("[data-chart][data-drawn=true]"));
        double min = ((Number) browser.executeScript("return arguments[0].uplot.scales.x.min", again)).doubleValue();
        assertThat(Math.abs(min - minimums.get(0))).isLessThanOrEqualTo(1.0);
        assertThat(browser.getCurrentUrl()).isEqualTo(zoomed);
        browser.findElement(By.cssSelector("button.zoom-reset")).click();
        assertThat(browser.getCurrentUrl()).doesNotContain("zoom=");
        double from = this.clock.instant().minus(Duration.ofHours(1)).getEpochSecond();
        assertThat(((Number) browser.executeScript("return arguments[0].uplot.scales.x.min", again)).doubleValue())
            .isEqualTo(from);
        assertThat(browser.findElements(By.cssSelector("button.zoom-reset"))).isEmpty();

        // a range reaching past what is stored says since when
        open("/functions/us-east-1/image-resizer?range=7d");
        waitForCharts();
        WebElement month = browser.findElement(By.cssSelector("[data-chart][data-drawn=true]"));
        assertThat(month.findElement(By.xpath("preceding-sibling::p[@class='chart-meta']")).getText())
            .contains("data since ");
        double monthMin = ((Number) browser.executeScript("return arguments[0].uplot.scales.x.min", month))
            .doubleValue();
        long since = Long.parseLong(month.getAttribute("data-since"));
        assertThat(since).isGreaterThan(this.clock.instant().minus(Duration.ofDays(7)).getEpochSecond());
        assertThat(monthMin).as("drawn from the first stored point").isEqualTo(since);
        assertThat(month.findElement(By.xpath("preceding-sibling::p[@class='chart-meta']")).getText())
            .contains("data since " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(java.time.Instant.ofEpochSecond(since).atZone(java.time.ZoneOffset.UTC)) + " UTC");
        chromium.assertNoJavaScriptErrors();
    }

    /** The overview's peak concurrency of its first region: as the server wrote it, in the chart, in its table. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> peakAsShown() {
        return (Map<String, Object>) browser.executeScript("""
                const region = document.querySelector('section.region');
                const time = region.querySelector('.peak-at time');
                const at = Date.parse(time.getAttribute('datetime')) / 1000;
                const el = region.querySelector('[data-chart]'), u = el.uplot;
                const idx = el.data[0].indexOf(at);
                u.setCursor({ left: u.valToPos(at, 'x'), top: 10 });
                const legend = el.querySelector('.u-legend .u-series:first-child .u-value').textContent;
                const details = el.parentElement.querySelector('details.chart-table');
                details.open = true;
                details.dispatchEvent(new Event('toggle'));
                const row = details.querySelector('tr[data-x="' + at + '"] th');
                return { zone: document.documentElement.getAttribute('data-zone'), server: time.textContent.trim(),
                         datetime: time.getAttribute('datetime'), index: idx, legend: legend,
                         table: row ? row.textContent : 'no row' };""");
    }

    private static Double cursorTime(WebElement chart) {
        Object value = browser.executeScript("""
                const u = arguments[0].uplot;
                return (u.cursor.left === undefined || u.cursor.left < 0) ? null : u.posToVal(u.cursor.left, 'x');""",
                chart);
        return (value != null) ? ((Number) value).doubleValue() : null;
    }

    private static long lastPoint(WebElement chart) {
        Object value = browser.executeScript(
                "const d = arguments[0].data; return d && d[0].length ? d[0][d[0].length - 1] : 0", chart);
        return ((Number) value).longValue();
    }

    private static int visibleRowCount() {
        return (int) browser.findElements(By.cssSelector("#functions tbody tr")).stream()
            .filter(WebElement::isDisplayed)
            .count();
    }

    private static String invocationsOf(String function) {
        return browser.findElement(By.xpath("//table[@id='functions']//tr[.//a[text()='" + function + "']]/td[5]"))
            .getAttribute("data-value");
    }

    private static void waitForCharts() {
        chromium.waitUpTo(Duration.ofSeconds(20))
            .until((d) -> d.findElements(By.cssSelector("[data-chart]:not([data-drawn]):not([data-points])")).isEmpty());
    }

    /** Every page a signed-in admin can open, with an alert, an error group and a rule to show. */
    private List<String> pages() {
        this.evaluation.evaluateAll();
        List<String> pages = new ArrayList<>(List.of("/", "/functions/us-east-1/image-resizer",
                // the trigger graph: a stream consumer behind, an S3-triggered function dropping events
                "/functions/us-east-1/clickstream-consumer", "/functions/eu-west-1/upload-scanner", "/alerts",
                "/alerts/silences", "/alerts/rules/new", "/insights", "/errors", "/costs", "/costs/budgets/new",
                "/channels", "/collector", "/settings", "/settings/audit", "/provisioning"));
        this.jdbc.sql("select min(id) from alert").query(Long.class).list().stream().filter(java.util.Objects::nonNull)
            .forEach((id) -> pages.add("/alerts/" + id));
        this.jdbc.sql("select min(id) from alert_rule").query(Long.class).list().stream().filter(java.util.Objects::nonNull)
            .forEach((id) -> pages.add("/alerts/rules/" + id + "/edit"));
        this.jdbc.sql("select min(id) from log_error_group").query(Long.class).list().stream().filter(java.util.Objects::nonNull)
            .forEach((id) -> pages.add("/errors/" + id));
        pages.add("/no-such-page");
        return pages;
    }

    private void open(String path) {
        chromium.open(this.port, path);
        // charts drawn (or told why not), so that what axe reads is the page as a reader sees it
        chromium.waitUpTo(Duration.ofSeconds(20))
            .until((d) -> d.findElements(By.cssSelector("[data-chart]:not([data-drawn]):not([data-points])"))
                .isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static List<String> axe() {
        browser.executeScript(axe);
        return (List<String>) browser.executeAsyncScript(AXE_RUN);
    }
}
