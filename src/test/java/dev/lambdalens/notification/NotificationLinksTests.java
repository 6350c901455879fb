package dev.lambdalens.notification;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.lambdalens.alerting.AlertTarget;
import dev.lambdalens.alerting.Severity;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Teams cards and emails link each alert to its page when {@code lambdalens.public-url} is set, and carry no link at
 * all when it is not: each payload parsed and each link checked by value. The emails go through a real SMTP server
 * (GreenMail) and are read back as MIME messages.
 */
class NotificationLinksTests {

    static final JsonMapper json = JsonMapper.builder().build();

    static final NotificationLinks PUBLIC = new NotificationLinks(URI.create("https://lambdalens.example.com/"));

    static final NotificationLinks NONE = new NotificationLinks(null);

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void shouldOpenTheAlertFromATeamsCardAndLinkItsLine() {
        JsonNode card = teams(PUBLIC, event(List.of(alert(7, "image-resizer"))));
        JsonNode actions = card.get("actions");
        assertThat(actions.size()).isEqualTo(2);
        assertThat(actions.get(0).get("type").asString()).isEqualTo("Action.OpenUrl");
        assertThat(actions.get(0).get("title").asString()).isEqualTo("Open alert");
        assertThat(actions.get(0).get("url").asString()).isEqualTo("https://lambdalens.example.com/alerts/7");
        assertThat(actions.get(1).get("title").asString()).isEqualTo("Runbook");
        assertThat(actions.get(1).get("url").asString()).isEqualTo("https://wiki.example.com/throttles");
        String lines = card.get("body").get(2).get("text").asString();
        assertThat(lines).isEqualTo("- image-resizer (account 123456789012) in us-east-1: OK → ALARM "
                + "(12:35 7, 12:36 40.3) [Open](https://lambdalens.example.com/alerts/7)");
        assertThat(card.get("body").get(1).get("facts").get(2).get("value").asString())
            .isEqualTo("Throttles (Sum, count) above 0 in 1 of 1 periods of 1 min; missing data: not breaching");
    }

    @Test
    void shouldOpenTheAlertsPageFromTheCardOfAGroup() {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            alerts.add(alert(100 + i, "fn-" + i));
        }
        JsonNode card = teams(PUBLIC, event(alerts));
        assertThat(card.get("actions").get(0).get("title").asString()).isEqualTo("See every alert");
        assertThat(card.get("actions").get(0).get("url").asString()).isEqualTo("https://lambdalens.example.com/alerts");
        String[] lines = card.get("body").get(2).get("text").asString().split("\n");
        assertThat(lines).hasSize(41);
        assertThat(lines[0]).endsWith("[Open](https://lambdalens.example.com/alerts/100)");
        assertThat(lines[39]).endsWith("[Open](https://lambdalens.example.com/alerts/139)");
        assertThat(lines[40]).isEqualTo("- and 5 more");
    }

    @Test
    void shouldCarryNoLinkInATeamsCardWithoutAPublicUrl() {
        JsonNode card = teams(NONE, event(List.of(alert(7, "image-resizer"))));
        assertThat(card.get("actions").size()).as("only the runbook").isEqualTo(1);
        assertThat(card.get("actions").get(0).get("title").asString()).isEqualTo("Runbook");
        assertThat(card.toString()).doesNotContain("/alerts", "[Open]");
        Map<String, Object> withoutRunbook = event(List.of(alert(7, "image-resizer")));
        withoutRunbook.put("runbookUrl", null);
        assertThat(teams(NONE, withoutRunbook).has("actions")).isFalse();
    }

    @Test
    void shouldRefuseAPublicUrlThatIsNotAnAbsoluteHttpAddress() {
        assertThatIllegalArgumentException().isThrownBy(() -> new NotificationLinks(URI.create("/lambdalens")))
            .withMessageContaining("lambdalens.public-url must be an absolute http(s) address");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new NotificationLinks(URI.create("lambdalens.example.com")));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new NotificationLinks(URI.create("ftp://lambdalens.example.com")));
        assertThat(new NotificationLinks(URI.create("http://10.0.0.5:8080")).alert(3))
            .isEqualTo("http://10.0.0.5:8080/alerts/3");
        assertThat(new NotificationLinks(URI.create("https://ops.example.com/lambdalens/")).alerts())
            .isEqualTo("https://ops.example.com/lambdalens/alerts");
    }

    @Test
    void shouldLinkEachAlertInBothPartsOfAnEmail() throws Exception {
        MimeMessage mail = sendEmail(PUBLIC, event(List.of(alert(7, "image-resizer"), alert(8, "thumbnailer"))));
        Parts parts = parts(mail);
        Document html = Jsoup.parse(parts.html());
        List<String> hrefs = html.select("a[href]").stream().map((a) -> a.attr("href")).toList();
        assertThat(hrefs).containsExactly("https://wiki.example.com/throttles",
                "https://lambdalens.example.com/alerts/7", "https://lambdalens.example.com/alerts/8");
        Element firstRow = html.select("tr").get(1);
        assertThat(firstRow.select("td").eachText()).containsExactly(
                "image-resizer (account 123456789012) in us-east-1", "OK → ALARM", "12:35 7, 12:36 40.3",
                "the 2 most recent datapoints: 2 breaching, 1 needed", "Open");
        assertThat(html.text()).contains("Condition: Throttles (Sum, count) above 0 in 1 of 1 periods of 1 min");

        assertThat(parts.text()).contains("FIRING: Throttles · 2 alerts\n",
                "Condition: Throttles (Sum, count) above 0 in 1 of 1 periods of 1 min; missing data: not breaching\n",
                "Runbook: https://wiki.example.com/throttles\n",
                "- image-resizer (account 123456789012) in us-east-1: OK → ALARM (12:35 7, 12:36 40.3)\n"
                        + "  the 2 most recent datapoints: 2 breaching, 1 needed\n"
                        + "  https://lambdalens.example.com/alerts/7\n",
                "  https://lambdalens.example.com/alerts/8\n");
    }

    @Test
    void shouldEndALongEmailWithTheAlertsPage() throws Exception {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (int i = 0; i < 43; i++) {
            alerts.add(alert(i, "fn-" + i));
        }
        Parts parts = parts(sendEmail(PUBLIC, event(alerts)));
        Document html = Jsoup.parse(parts.html());
        assertThat(html.select("tr")).hasSize(41);
        assertThat(html.select("a:containsOwn(see every alert)").attr("href"))
            .isEqualTo("https://lambdalens.example.com/alerts");
        assertThat(parts.text()).contains("and 3 more: https://lambdalens.example.com/alerts");
    }

    @Test
    void shouldCarryNoLinkInAnEmailWithoutAPublicUrl() throws Exception {
        Parts parts = parts(sendEmail(NONE, event(List.of(alert(7, "image-resizer")))));
        Document html = Jsoup.parse(parts.html());
        assertThat(html.select("a[href]").eachAttr("href")).containsExactly("https://wiki.example.com/throttles");
        assertThat(html.select("th").eachText()).doesNotContain("Alert");
        assertThat(parts.html()).doesNotContain("/alerts");
        assertThat(parts.text()).doesNotContain("/alerts").contains("OK → ALARM (12:35 7, 12:36 40.3)");
    }

    @Test
    void shouldEmailAChannelTestThatHasNoConditionRunbookOrAlerts() throws Exception {
        // the event ChannelCatalog.test sends: none of the keys an alert's event adds
        Map<String, Object> test = new java.util.LinkedHashMap<>();
        test.put("idempotencyKey", "lambdalens-test-1");
        test.put("status", "test");
        test.put("rule", "Test notification from LambdaLens");
        test.put("at", "2026-11-28T12:37:00Z");
        test.put("severity", "INFO");
        test.put("count", 0);
        test.put("alerts", List.of());
        Parts parts = parts(sendEmail(PUBLIC, test));
        assertThat(Jsoup.parse(parts.html()).select("h2").text()).isEqualTo("TEST: Test notification from LambdaLens");
        assertThat(Jsoup.parse(parts.html()).select("a[href]")).isEmpty();
        assertThat(parts.text()).startsWith("TEST: Test notification from LambdaLens\n").doesNotContain("Runbook");
    }

    private static JsonNode teams(NotificationLinks links, Map<String, Object> event) {
        Object body = new TeamsFormat(links).body(event, new Channel("teams", ChannelType.TEAMS,
                "https://prod.workflows.example.com/hook", null, Severity.INFO, true, Instant.EPOCH));
        JsonNode message = json.readTree(json.writeValueAsString(body));
        assertThat(message.get("type").asString()).isEqualTo("message");
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        return attachment.get("content");
    }

    private static MimeMessage sendEmail(NotificationLinks links, Map<String, Object> event) throws Exception {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine templates = new SpringTemplateEngine();
        templates.setTemplateResolver(resolver);
        EmailFormat format = new EmailFormat(templates, links);
        Channel channel = new Channel("mail", ChannelType.EMAIL, "mailto:oncall@example.com", null, Severity.INFO,
                true, Instant.EPOCH);
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("mail", sender));
        EmailSender email = new EmailSender(beans.getBeanProvider(JavaMailSender.class),
                new NotificationProperties(true, Duration.ofSeconds(10), Duration.ofSeconds(10),
                        Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofSeconds(10),
                        "lambdalens@example.com", Duration.ofHours(4), null, 3));
        assertThat(email.send(channel.url(), "lambdalens-firing-1",
                (EmailFormat.EmailMessage) format.body(event, channel))).isEqualTo(250);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    private static Parts parts(MimeMessage mail) throws Exception {
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart multipart = (MimeMultipart) mail.getContent();
        assertThat(multipart.getCount()).isEqualTo(2);
        BodyPart text = multipart.getBodyPart(0);
        BodyPart html = multipart.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html");
        // SMTP carries lines ending in CRLF
        return new Parts(((String) text.getContent()).replace("\r\n", "\n"), (String) html.getContent());
    }

    private static Map<String, Object> alert(long id, String function) {
        Map<String, Object> alert = Outbox.alert(id, new AlertTarget("123456789012", "us-east-1", function), "OK",
                "ALARM", "the 2 most recent datapoints: 2 breaching, 1 needed");
        alert.put("values", List.of(List.of("2026-11-28T12:35:00Z", 7.0), List.of("2026-11-28T12:36:00Z",
                40.2512345678901)));
        return alert;
    }

    private static Map<String, Object> event(List<Map<String, Object>> alerts) {
        Map<String, Object> event = Outbox.event("lambdalens-firing-1", true, false, "Throttles", 2,
                Severity.CRITICAL, "https://wiki.example.com/throttles", Instant.parse("2026-11-28T12:37:00Z"),
                alerts.size(), alerts);
        event.put("condition", "Throttles (Sum, count) above 0 in 1 of 1 periods of 1 min; missing data: not breaching");
        return event;
    }

    /** An email's plain-text and HTML alternatives. */
    record Parts(String text, String html) {
    }
}
