package dev.lambdalens.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's deployment on email-sender's page in a real browser: a marker on every chart, drawn where the change
 * is and told in each chart's text alternative, and the changes listed with the last one measured.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DemoDataConfiguration.class)
class ChangesBrowserTests {

    /** The colour charts.js draws change markers in: no line or limit uses it. */
    private static final String MARK_PIXELS = """
            const canvas = arguments[0].querySelector('canvas');
            const u = arguments[0].uplot;
            const x = Math.round(u.valToPos(arguments[1], 'x', true));
            const data = canvas.getContext('2d').getImageData(x - 2, 0, 5, canvas.height).data;
            let n = 0;
            for (let i = 0; i < data.length; i += 4) {
              if (Math.abs(data[i] - 0x8e) < 12 && Math.abs(data[i + 1] - 0x44) < 12 && Math.abs(data[i + 2] - 0xad) < 12) {
                n++;
              }
            }
            return n;""";

    /** axe-core on the changes section: WCAG 2.1 A and AA, serious and critical findings. */
    private static final String AXE_RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document.getElementById('function-changes'),
                    { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                      resultTypes: ['violations'] })
              .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.html.slice(0, 160)))))
              .catch(e => done(['axe failed: ' + e]));""";

    private static Chromium chromium;

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    DemoData demoData;

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
    void shouldMarkTheDeploymentOnEveryChartAndListWhatChanged() {
        chromium.open(this.port, "/functions/eu-west-1/email-sender");
        chromium.waitUpTo(Duration.ofSeconds(20)).until((d) -> d.findElements(By.cssSelector("[data-chart]"))
            .stream()
            .allMatch((chart) -> chart.getAttribute("data-drawn") != null));
        long deployed = java.time.Instant.parse("2026-11-28T06:00:00Z").getEpochSecond();
        List<WebElement> charts = browser.findElements(By.cssSelector("[data-chart]"));
        assertThat(charts).hasSizeGreaterThanOrEqualTo(4);
        for (WebElement chart : charts) {
            assertThat(chart.getAttribute("data-drawn")).isEqualTo("true");
            assertThat(chart.getAttribute("data-marks")).isEqualTo("1");
            Object pixels = ((JavascriptExecutor) browser).executeScript(MARK_PIXELS, chart, deployed);
            assertThat(((Number) pixels).longValue()).as("marker pixels at 06:00").isGreaterThan(20);
            WebElement summary = chart.findElement(By.xpath("ancestor::figure//p[@class='chart-summary']"));
            assertThat(summary.getText()).contains("Marked: 2026-11-28 06:00", "memory 256 MB → 512 MB");
        }
        WebElement changes = browser.findElement(By.id("function-changes"));
        assertThat(changes.findElements(By.cssSelector("ol.changes li")).get(0).getText())
            .contains("2026-11-28 06:00", "memory 256 MB → 512 MB; version 785 published");
        assertThat(browser.findElement(By.id("last-change-impact")).getText()).startsWith("p99 -");
        assertThat(browser.findElement(By.id("last-change-figures")).getText()).contains("highest 1-minute p99",
                "p50 is not collected", "256 MB", "512 MB");
        chromium.assertNoJavaScriptErrors();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        browser.executeScript(axe());
        assertThat((List<?>) browser.executeAsyncScript(AXE_RUN)).as("axe-core findings").isEmpty();
    }

    @Test
    void shouldDrawEachVersionOfTheRolloutOnItsCharts() {
        chromium.open(this.port, "/functions/us-east-1/checkout-api");
        chromium.waitUpTo(Duration.ofSeconds(20)).until((d) -> d.findElements(
                By.cssSelector("#function-rollouts [data-chart]"))
            .stream()
            .allMatch((chart) -> chart.getAttribute("data-drawn") != null));
        WebElement rollouts = browser.findElement(By.id("function-rollouts"));
        List<WebElement> charts = rollouts.findElements(By.cssSelector("[data-chart]"));
        assertThat(charts).hasSize(3);
        for (WebElement chart : charts) {
            assertThat(chart.getAttribute("data-drawn")).isEqualTo("true");
            // a line per version, each with its minutes
            Object points = ((JavascriptExecutor) browser).executeScript(
                    "const u = arguments[0].uplot; return [1, 2].map(i => u.data[i].filter(v => v != null).length);",
                    chart);
            assertThat((List<?>) points).hasSize(2).allMatch((n) -> ((Number) n).longValue() > 60);
        }
        assertThat(rollouts.findElement(By.cssSelector("table.rollout")).getText()).contains("41 (alias version)",
                "90%", "10%", "Highest 1-minute p99");
        assertThat(rollouts.findElement(By.cssSelector(".rollout-verdicts")).getText())
            .startsWith("version 42 against 41: error rate");
        chromium.assertNoJavaScriptErrors();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        browser.executeScript(axe());
        assertThat((List<?>) browser.executeAsyncScript(AXE_RUN.replace("function-changes", "function-rollouts")))
            .as("axe-core findings").isEmpty();
    }

    private static String axe() {
        try (InputStream in = ChangesBrowserTests.class
            .getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            assertThat(in).as("axe-core's webjar on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Test
    void shouldKeepTheChangesReadableOnAPhone() {
        try (Chromium phone = Chromium.start(390, 900)) {
            phone.signIn(this.port);
            phone.open(this.port, "/functions/eu-west-1/email-sender");
            WebElement table = phone.driver().findElement(By.id("last-change-figures"));
            // the section fits the phone; its table scrolls inside it where it is wider
            Object overflow = phone.driver().executeScript("return Math.ceil(document.getElementById("
                    + "'function-changes').getBoundingClientRect().right) - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).longValue()).as("changes wider than the phone").isLessThanOrEqualTo(0);
            assertThat(table.isDisplayed()).isTrue();
            phone.assertNoJavaScriptErrors();
        }
    }
}
