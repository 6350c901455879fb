package dev.lambdalens;

import org.jspecify.annotations.Nullable;

/**
 * Published, in the transaction that makes it, by every module that changes something an admin must be able to
 * trace (a rule, channel, budget, silence, user or token); the security module stores it with who did it. The
 * before and after are views with secrets already masked.
 *
 * @param action CREATED, CHANGED or DELETED (or a verb such as ACKNOWLEDGED)
 * @param entityType such as {@code rule}, {@code channel}, {@code budget}
 */
public record AuditableChange(String action, String entityType, String entityId, @Nullable Object before,
        @Nullable Object after) {

    public static AuditableChange created(String entityType, String entityId, Object after) {
        return new AuditableChange("CREATED", entityType, entityId, null, after);
    }

    public static AuditableChange changed(String entityType, String entityId, Object before, Object after) {
        return new AuditableChange("CHANGED", entityType, entityId, before, after);
    }

    public static AuditableChange deleted(String entityType, String entityId, Object before) {
        return new AuditableChange("DELETED", entityType, entityId, before, null);
    }
}
