package dev.lambdalens.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts flows an on-call engineer goes through, in a real browser on the demo account: filter the alerts page,
 * open a firing alert, silence it for 4 hours and acknowledge it from its page, see both on the page and in the list,
 * and find that its notification is held by the silence while the same rule's other alerts still notify. Deleting
 * asks first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DemoDataConfiguration.class)
class AlertsPageBrowserTests {

    private static Chromium chromium;

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    DemoData demoData;

    @Autowired
    JdbcClient jdbc;

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
        this.evaluation.evaluateAll();
        chromium.signIn(this.port);
    }

    @Test
    void shouldSilenceAndAcknowledgeAnAlertFromItsPageAndHoldItsNotifications() {
        // a rule made on a page (so it can be deleted there) firing for more than one function
        Map<String, Object> firing = this.jdbc.sql("""
                select a.rule_id, count(*) as n from alert a join alert_rule r on r.id = a.rule_id
                where a.state = 'ALARM' and a.function_name <> '' and r.source is null and r.provisioned_from is null
                and r.deleted_at is null group by a.rule_id order by count(*) desc, a.rule_id""").query().listOfRows()
            .get(0);
        long rule = ((Number) firing.get("rule_id")).longValue();
        assertThat(((Number) firing.get("n")).longValue()).as("firing alerts of rule " + rule).isGreaterThan(1);
        this.jdbc.sql("insert into channel (name, type, url, minimum_severity, enabled, created_at) "
                + "values ('browser-ops', 'WEBHOOK', 'http://127.0.0.1:9/', 'INFO', true, current_timestamp)").update();

        // the list, narrowed through its form: the filters go into the address
        chromium.open(this.port, "/alerts");
        new Select(browser.findElement(By.cssSelector("#alerts-filter select[name=state]"))).selectByValue("ALARM");
        new Select(browser.findElement(By.cssSelector("#alerts-filter select[name=rule]"))).selectByValue(
                String.valueOf(rule));
        browser.findElement(By.cssSelector("#alerts-filter button[type=submit]")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("rule=" + rule));
        assertThat(browser.getCurrentUrl()).contains("state=ALARM");
        List<WebElement> rows = browser.findElements(By.cssSelector("#alerts tr[data-alert]"));
        assertThat(rows).hasSizeGreaterThan(1).allSatisfy((row) -> assertThat(row.getText()).contains("ALARM"));
        assertThat(browser.findElement(By.cssSelector("#alerts tr.group")).getText()).contains(rows.size() + " alerts");
        String alert = rows.get(0).getAttribute("data-alert");
        String other = rows.get(1).getAttribute("data-alert");
        String function = this.jdbc.sql("select function_name from alert where id = ?").param(Long.parseLong(alert))
            .query(String.class).single();
        chromium.assertNoJavaScriptErrors();

        // the alert's page: silence it for 4 hours, then acknowledge it
        rows.get(0).findElement(By.cssSelector("td:nth-child(3) a")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().endsWith("/alerts/" + alert));
        browser.findElement(By.cssSelector("#silence-alert button[value='4h']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> !d.findElements(By.id("silenced")).isEmpty());
        assertThat(browser.findElement(By.id("silenced")).getText()).contains("Silenced until", "by admin",
                "Silenced for 4 hours", function);
        assertThat(browser.findElements(By.id("silence-alert"))).as("no second silence offered").isEmpty();
        browser.findElement(By.name("comment")).sendKeys("looking into it");
        browser.findElement(By.xpath("//button[text()='Acknowledge']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10))
            .until((d) -> d.findElement(By.cssSelector("dl.figures")).getText().contains("Acknowledged by"));
        assertThat(browser.findElement(By.cssSelector("dl.figures")).getText()).contains("admin");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("looking into it");
        chromium.assertNoJavaScriptErrors();
        Map<String, Object> silence = this.jdbc.sql("select * from silence where function_pattern = ?").param(function)
            .query().singleRow();
        assertThat(((Number) silence.get("rule_id")).longValue()).isEqualTo(rule);
        assertThat(silence.get("created_by")).isEqualTo("admin");

        // the list says so, for that alert only
        chromium.open(this.port, "/alerts?rule=" + rule + "&state=ALARM");
        assertThat(row(alert).getText()).contains("silenced", "admin");
        assertThat(row(alert).findElements(By.cssSelector("form.silence, form.ack"))).isEmpty();
        assertThat(row(other).getText()).doesNotContain("silenced");

        // deleting the rule asks first; once confirmed, its alerts resolve: the silenced one's news is held
        chromium.open(this.port, "/alerts/rules/" + rule + "/delete");
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Delete the rule");
        assertThat(this.jdbc.sql("select deleted_at from alert_rule where id = ?").param(rule).query().singleRow()
            .get("deleted_at")).as("nothing deleted before the confirmation").isNull();
        browser.findElement(By.cssSelector("button[value=keep]")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().endsWith("/alerts"));
        // to this test's channel, of this rule: other tests of the same context leave channels and rules behind
        List<Map<String, Object>> deliveries = this.jdbc.sql("select d.status, d.payload from delivery d "
                + "join channel c on c.id = d.channel_id where c.name = 'browser-ops' "
                + "and d.idempotency_key like 'lambdalens-resolved-%'").query().listOfRows().stream()
            .filter((d) -> d.get("payload").toString().contains("\"ruleId\":" + rule + ","))
            .toList();
        assertThat(deliveries).filteredOn((d) -> d.get("payload").toString().contains("\"" + function + "\""))
            .singleElement()
            .satisfies((d) -> assertThat(d.get("status")).isEqualTo("SILENCED"));
        assertThat(deliveries).filteredOn((d) -> !d.get("status").equals("SILENCED"))
            .as("the rule's alerts that were not silenced are notified")
            .isNotEmpty();
        // and the delivery log page says so
        chromium.open(this.port, "/channels/deliveries");
        new Select(browser.findElement(By.cssSelector("#deliveries-filter select[name=status]"))).selectByValue(
                "SILENCED");
        browser.findElement(By.cssSelector("#deliveries-filter button[type=submit]")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("status=SILENCED"));
        // (other tests of the same context leave channels of their own, silenced too)
        assertThat(browser.findElements(By.cssSelector("#deliveries tbody tr"))).isNotEmpty()
            .allSatisfy((r) -> assertThat(r.getText()).contains("SILENCED"))
            .anySatisfy((r) -> assertThat(r.getText()).contains("browser-ops"));
        chromium.assertNoJavaScriptErrors();
    }

    @Test
    void shouldSortByAColumnAndPageToTheEndSeeingEachAlertOnce() {
        long total = this.jdbc.sql("select count(*) from alert a join alert_rule r on r.id = a.rule_id "
                + "where r.deleted_at is null").query(Long.class).single();
        chromium.open(this.port, "/alerts?limit=7");
        browser.findElement(By.cssSelector("a[data-sort=since]")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("sort=since"));
        assertThat(browser.findElement(By.cssSelector("a[data-sort=since]")).findElement(By.xpath(".."))
            .getAttribute("aria-sort")).isEqualTo("ascending");
        java.util.List<String> seen = new java.util.ArrayList<>();
        java.util.List<String> since = new java.util.ArrayList<>();
        while (true) {
            for (WebElement row : browser.findElements(By.cssSelector("#alerts tr[data-alert]"))) {
                seen.add(row.getAttribute("data-alert"));
                since.add(row.findElement(By.cssSelector("td:nth-child(5)")).getText());
            }
            List<WebElement> next = browser.findElements(By.id("alerts-next"));
            if (next.isEmpty()) {
                break;
            }
            String before = browser.getCurrentUrl();
            next.get(0).click();
            chromium.waitUpTo(Duration.ofSeconds(10)).until((d) -> !d.getCurrentUrl().equals(before));
            assertThat(browser.getCurrentUrl()).contains("sort=since", "limit=7");
        }
        assertThat(seen).as("every alert once").hasSize((int) total).doesNotHaveDuplicates();
        assertThat(since).as("most recent change first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        chromium.assertNoJavaScriptErrors();
    }

    private WebElement row(String alert) {
        return browser.findElement(By.cssSelector("#alerts tr[data-alert='" + alert + "']"));
    }
}
