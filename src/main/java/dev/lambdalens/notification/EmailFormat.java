package dev.lambdalens.notification;

import java.util.Map;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.stereotype.Component;

/**
 * An HTML email written from the {@code mail/alert} Thymeleaf template.
 */
@Component
class EmailFormat implements NotificationFormat {

    private final TemplateEngine templates;

    EmailFormat(TemplateEngine templates) {
        this.templates = templates;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public Object body(Map<String, Object> event, Channel channel) {
        Context context = new Context();
        context.setVariable("event", event);
        context.setVariable("title", NotificationFormat.title(event));
        context.setVariable("target", NotificationFormat.target(event));
        return new EmailMessage("[LambdaLens] " + NotificationFormat.title(event) + " · "
                + NotificationFormat.target(event), this.templates.process("mail/alert", context));
    }

    /** A subject and an HTML body. */
    record EmailMessage(String subject, String html) {
    }
}
