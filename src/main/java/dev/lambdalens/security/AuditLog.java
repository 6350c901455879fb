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

    /** Up to {@code limit} events before the id {@code before}, newest first, narrowed by the filters that are set. */
    @Transactional(readOnly = true)
    List<AuditEvent> page(long before, @Nullable String entityType, @Nullable String actor, java.time.Instant from,
            java.time.Instant to, int limit) {
        return page(before, entityType, actor, from, to, null, limit);
    }

    /** As above, with {@code search} (any case) in the actor, action, entity type or id where it is given. */
    @Transactional(readOnly = true)
    List<AuditEvent> page(long before, @Nullable String entityType, @Nullable String actor, java.time.Instant from,
            java.time.Instant to, @Nullable String search, int limit) {
        String pattern = (search == null || search.isBlank()) ? null
                : "%" + search.trim().toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%";
        return this.events.page(before, entityType, actor, from, to, pattern,
                org.springframework.data.domain.Limit.of(limit));
    }

    /** The kinds of entity in the log. */
    @Transactional(readOnly = true)
    List<String> entityTypes() {
        return this.events.entityTypes();
    }

    static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return (authentication != null && authentication.isAuthenticated()) ? authentication.getName() : "system";
    }

    private @Nullable String write(@Nullable Object value) {
        return (value != null) ? this.json.writeValueAsString(value) : null;
    }
}
