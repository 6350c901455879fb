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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's Kinesis consumer, an hour and a half into falling behind, in a real browser: its page shows the trigger
 * graph from the stream through its mapping, lagging, to the function and its failure destination, with the lag
 * charted; the overview flags it as rising.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DemoDataConfiguration.class)
class TriggersBrowserTests {

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
    void shouldShowTheKinesisConsumersTriggerGraphWithItsLagAndChartIt() {
        chromium.open(this.port, "/functions/us-east-1/clickstream-consumer");
        WebElement graph = browser.findElement(By.cssSelector("#function-triggers .trigger-graph"));
        assertThat(graph.findElements(By.cssSelector(".trigger-column h3"))).extracting(WebElement::getText)
            .containsExactly("SOURCES", "ARRIVES BY", "FUNCTION", "GOES TO");
        WebElement source = graph.findElement(By.cssSelector("[data-role=source]"));
        assertThat(source.getText()).contains("Kinesis stream", "clickstream");
        WebElement mapping = graph.findElement(By.cssSelector("[data-role=mapping]"));
        // at 12:00 the consumer is 89 minutes into its incident: about 66 minutes behind, far past the 5 minutes
        assertThat(mapping.getText()).contains("Enabled", "Iterator age, max", "66 min", "(problem)");
        assertThat(mapping.getAttribute("class")).contains("status-problem");
        assertThat(mapping.findElement(By.cssSelector(".node-status")).getText()).isEqualTo("Problem");
        assertThat(graph.findElement(By.cssSelector("[data-role=destination]")).getText())
            .contains("batches discarded", "clickstream-discarded");
        WebElement lag = browser.findElement(By.xpath(
                "//section[@id='function-triggers']//figure[figcaption[normalize-space()='Stream lag (IteratorAge)']]"));
        chromium.waitUpTo(Duration.ofSeconds(20))
            .until((d) -> lag.findElement(By.cssSelector("[data-chart]")).getAttribute("data-drawn") != null);
        assertThat(lag.findElements(By.tagName("canvas"))).hasSize(1);
        chromium.assertNoJavaScriptErrors();
    }

    @Test
    void shouldFlagTheFallingBehindConsumerAndTheAgingUploadsOnTheOverview() {
        chromium.open(this.port, "/");
        assertThat(flags("clickstream-consumer")).containsExactly("stream lag rising");
        assertThat(flags("upload-scanner")).containsExactly("async event age rising", "dropping events");
        assertThat(flags("orders-api")).isEmpty();
        chromium.assertNoJavaScriptErrors();
    }

    private static List<String> flags(String function) {
        return browser.findElements(By.xpath("//table[@id='functions']//td[a[normalize-space()='" + function
                + "']]//span[contains(@class, 'rising')]")).stream().map(WebElement::getText).toList();
    }
}
