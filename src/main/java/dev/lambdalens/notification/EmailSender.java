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
 * Sends an email through the SMTP server of {@code spring.mail.*}, with the idempotency key as a header.
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
        helper.setText(message.html(), true);
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
