package dev.lambdalens.security;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One change: who, when, what, and the before and after as JSON (secrets masked by the module that made it).
 */
@Entity
@Table(name = "audit_event")
class AuditEvent {

    static final int MAX_JSON = 8000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private Instant at;

    private String actor;

    private String action;

    private String entityType;

    private String entityId;

    @Column(name = "before_json")
    private @Nullable String before;

    @Column(name = "after_json")
    private @Nullable String after;

    @SuppressWarnings("NullAway.Init")
    protected AuditEvent() {
        // for JPA
    }

    AuditEvent(Instant at, String actor, String action, String entityType, String entityId, @Nullable String before,
            @Nullable String after) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.entityType = entityType;
        this.entityId = entityId;
        this.before = cut(before);
        this.after = cut(after);
    }

    private static @Nullable String cut(@Nullable String json) {
        return (json != null && json.length() > MAX_JSON) ? json.substring(0, MAX_JSON - 1) + "…" : json;
    }

    View view() {
        return new View(this.id, this.at, this.actor, this.action, this.entityType, this.entityId, this.before,
                this.after);
    }

    /** An audit row as shown. */
    record View(@Nullable Long id, Instant at, String actor, String action, String entityType, String entityId,
            @Nullable String before, @Nullable String after) {
    }
}
