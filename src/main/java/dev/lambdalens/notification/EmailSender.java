package dev.lambdalens.notification;

import java.util.Arrays;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends an email (plain text and HTML alternatives) through the SMTP server of {@code spring.mail.*}, with the
 * idempotency key as a header.
 */
@Component
class EmailSender {

    /** What {@link ChannelSender} reports for mail the SMTP server accepted: its "OK" reply code. */
    static final int SMTP_OK = 250;

    private final ObjectProvider<JavaMailSender> mail;

    private final NotificationProperties properties;

    EmailSender(ObjectProvider<JavaMailSender> mail, NotificationProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    boolean configured() {
        return this.mail.getIfAvailable() != null;
    }

    int send(String mailto, String idempotencyKey, EmailFormat.EmailMessage message) throws MessagingException {
        JavaMailSender sender = this.mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("email channels need an SMTP server: set spring.mail.host");
        }
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
        helper.setFrom(this.properties.mailFrom());
        helper.setTo(recipients(mailto));
        helper.setSubject(message.subject());
        // multipart/alternative, plainest first: text-only clients show the text, the others the HTML
        jakarta.mail.internet.MimeMultipart alternative = new jakarta.mail.internet.MimeMultipart("alternative");
        jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
        text.setText(message.text(), "UTF-8", "plain");
        alternative.addBodyPart(text);
        jakarta.mail.internet.MimeBodyPart html = new jakarta.mail.internet.MimeBodyPart();
        html.setText(message.html(), "UTF-8", "html");
        alternative.addBodyPart(html);
        mime.setContent(alternative);
        mime.setHeader(WebhookSender.IDEMPOTENCY_HEADER, idempotencyKey);
        sender.send(mime);
        return SMTP_OK;
    }

    static String[] recipients(@Nullable String mailto) {
        if (mailto == null || !mailto.startsWith("mailto:")) {
            throw new IllegalArgumentException("an email channel's url is mailto:address[,address...]");
        }
        return Arrays.stream(mailto.substring("mailto:".length()).split(","))
            .map(String::trim)
            .filter((a) -> !a.isEmpty())
            .toArray(String[]::new);
    }
}
