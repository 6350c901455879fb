package dev.lambdalens.security;

import java.time.Clock;
import java.util.List;

import dev.lambdalens.AuditableChange;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores every {@link AuditableChange} with who made it, in the transaction of the change itself: a change that is
 * rolled back leaves no audit row, and a change that commits always has one.
 */
@Service
class AuditLog {

    private final AuditEventRepository events;

    private final JsonMapper json;

    private final Clock clock;

    AuditLog(AuditEventRepository events, JsonMapper json, Clock clock) {
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    void on(AuditableChange change) {
        this.events.save(new AuditEvent(this.clock.instant(), actor(), change.action(), change.entityType(),
                change.entityId(), write(change.before()), write(change.after())));
    }

    @Transactional(readOnly = true)
    List<AuditEvent.View> recent(@Nullable String entityType, int limit) {
        PageRequest page = PageRequest.of(0, limit);
        return ((entityType != null) ? this.events.findByEntityTypeOrderByIdDesc(entityType, page)
                : this.events.findAllByOrderByIdDesc(page)).stream().map(AuditEvent::view).toList();
    }

    /** Up to {@code limit} events before the id {@code before}, newest first, narrowed by the filters that are set. */
    List<AuditEvent> page(long before, @Nullable String entityType, @Nullable String actor, java.time.Instant from,
            java.time.Instant to, int limit) {
        return this.events.page(before, entityType, actor, from, to, org.springframework.data.domain.Limit.of(limit));
    }

    static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return (authentication != null && authentication.isAuthenticated()) ? authentication.getName() : "system";
    }

    private @Nullable String write(@Nullable Object value) {
        return (value != null) ? this.json.writeValueAsString(value) : null;
    }
}
