package dev.lambdalens.notification;

import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.lambdalens.alerting.RuleEvaluation;
import dev.lambdalens.collector.CycleRunner;
import dev.lambdalens.testing.DemoDataConfiguration;
import dev.lambdalens.testing.MutableClock;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Email notifications through a real SMTP server (GreenMail), including while it is down.
 */
@SpringBootTest(properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
        "lambdalens.notification.mail-from=lambdalens@example.com",
        "lambdalens.public-url=https://lambdalens.example.com" })
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
class EmailNotificationTests {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DeliveryRepository deliveries;

    @Autowired
    MutableClock clock;

    @Test
    void shouldEmailEveryRecipientOnceTheSmtpServerIsBack() throws Exception {
        this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "on-call mail", "type": "EMAIL", "url": "mailto:oncall@example.com, lead@example.com"}"""))
            .andExpect(status().isCreated());
        CycleRunner.runCycle(this.context);
        this.evaluation.evaluateAll();
        long owed = this.deliveries.count();
        assertThat(owed).isPositive();

        smtp.stop();
        assertThat(this.worker.deliverDue()).isZero();
        assertThat(this.deliveries.findAll()).allSatisfy((d) -> assertThat(d.lastError()).isNotBlank());
        smtp.start();
        this.clock.advance(Duration.ofSeconds(11));
        assertThat(this.worker.deliverDue()).isEqualTo((int) owed);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize((int) owed * 2);
        MimeMessage first = received[0];
        assertThat(first.getSubject()).startsWith("[LambdaLens] FIRING: ");
        assertThat(first.getFrom()[0].toString()).isEqualTo("lambdalens@example.com");
        assertThat(first.getHeader("X-LambdaLens-Idempotency-Key")[0]).startsWith("lambdalens-firing-");
        jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) first.getContent();
        String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(html).contains("<table", "INSUFFICIENT_DATA → ALARM", "lambdalens-firing-");
        // the links come from lambdalens.public-url, in both parts
        assertThat(org.jsoup.Jsoup.parse(html).select("a:containsOwn(Open)").eachAttr("href"))
            .isNotEmpty()
            .allSatisfy((href) -> assertThat(href).matches("https://lambdalens\\.example\\.com/alerts/\\d+"));
        assertThat(text).contains("INSUFFICIENT_DATA → ALARM").containsPattern("\n  https://lambdalens\\.example\\.com/alerts/\\d+\n");
    }

    @Test
    void shouldRefuseAnEmailChannelWithoutMailtoAddresses() throws Exception {
        this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "mail", "type": "EMAIL", "url": "https://example.com"}"""))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("url"));
    }
}
