package dev.lambdalens.web;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.lambdalens.alerting.AlertStateChanged;
import dev.lambdalens.collector.MetricsCollected;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /live}: a version of what the pages show, which changes whenever samples are stored or an alert changes
 * state in this instance. An open page asks for it every few seconds and reads itself again only when it moved, so
 * that a page on screen costs one tiny request, not a page render, while nothing happens. (Samples another instance
 * stored do not move it: the page also reads itself once a minute, see pages.js.)
 */
@RestController
@Hidden // the pages' own, not part of the REST API's contract
class LiveChanges {

    /** Distinguishes a restarted instance, whose counter starts again at 0, from one that saw nothing new. */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    private final AtomicLong changes = new AtomicLong();

    // after the commit: a page reading itself as soon as the version moves must find the new rows
    @TransactionalEventListener(fallbackExecution = true)
    void on(MetricsCollected collected) {
        this.changes.incrementAndGet();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(AlertStateChanged changed) {
        this.changes.incrementAndGet();
    }

    @GetMapping("/live")
    Map<String, String> version() {
        return Map.of("version", this.instance + "-" + this.changes.get());
    }
}
