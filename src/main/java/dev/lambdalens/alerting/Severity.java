package dev.lambdalens.alerting;

/**
 * How urgently an alert wants a person.
 */
public enum Severity {
    CRITICAL, WARNING, INFO
}
