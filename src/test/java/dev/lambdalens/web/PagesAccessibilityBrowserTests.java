package dev.lambdalens.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.RuleEvaluation;
import dev.lambdalens.testing.Chromium;
import dev.lambdalens.testing.DemoData;
import dev.lambdalens.testing.DemoDataConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page in a real browser as everybody reads it: axe-core (from its webjar, injected into the page) finds no
 * serious or critical violation of WCAG 2.1 A and AA in the light or the dark theme, no page is wider than a phone,
 * and sorting works from the keyboard.
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
        WebElement throttles = browser.findElement(
                By.xpath("//table[@id='functions']//th[normalize-space()='Throttles']//button"));
        throttles.sendKeys(Keys.ENTER);
        WebElement header = throttles.findElement(By.xpath("ancestor::th"));
        assertThat(header.getAttribute("aria-sort")).isEqualTo("ascending");
        throttles.sendKeys(Keys.SPACE);
        assertThat(header.getAttribute("aria-sort")).isEqualTo("descending");
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

    /** Every page a signed-in admin can open, with an alert, an error group and a rule to show. */
    private List<String> pages() {
        this.evaluation.evaluateAll();
        List<String> pages = new ArrayList<>(List.of("/", "/functions/us-east-1/image-resizer", "/alerts",
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
